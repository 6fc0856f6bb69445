package dev.posterm.core.engine;

import dev.posterm.drivers.reader.Authorisation;
import dev.posterm.drivers.reader.CardReader;
import dev.posterm.drivers.reader.FinalOutcome;
import dev.posterm.drivers.reader.ReaderHealth;
import dev.posterm.drivers.reader.ReaderInfo;
import dev.posterm.drivers.reader.StartOutcome;
import dev.posterm.drivers.reader.StartTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A scriptable card reader: answers from queues and logs what it was told. */
final class FakeReader implements CardReader {
    final Deque<StartOutcome> starts = new ArrayDeque<>();
    final Deque<FinalOutcome> finals = new ArrayDeque<>();
    /** Every start asked for; safe to read from the test thread while the engine's lane adds to it. */
    final List<StartTransaction> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Authorisation> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When set, {@code start} waits for it: the card is "being read" until the test lets go. */
    volatile java.util.concurrent.CountDownLatch holdStart;
    /** When set, {@code complete} throws it: a driver bug after the host was asked. */
    volatile RuntimeException failComplete;

    @Override
    public void connect() {
    }

    @Override
    public StartOutcome start(StartTransaction request, Duration deadline) {
        synchronized (this) {
            started.add(request);
        }
        java.util.concurrent.CountDownLatch hold = holdStart;
        if (hold != null) {
            try {
                // At most FakeHost.HOLD_LIMIT: a test that fails before letting go must not block the lane for ever.
                if (!hold.await(FakeHost.HOLD_LIMIT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("fake reader: the test did not let the held card read go within "
                            + FakeHost.HOLD_LIMIT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            return starts.remove();
        }
    }

    /** When set, {@code complete} waits for it before answering: the card's final answer is slow. */
    volatile java.util.concurrent.CountDownLatch holdFinal;

    @Override
    public FinalOutcome complete(Authorisation authorisation, Duration deadline) {
        synchronized (this) {
            told.add(authorisation);
        }
        java.util.concurrent.CountDownLatch hold = holdFinal;
        if (hold != null) {
            try {
                if (!hold.await(FakeHost.HOLD_LIMIT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("fake reader: the test did not let the held final answer go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return finalAnswer();
    }

    private synchronized FinalOutcome finalAnswer() {
        if (failComplete != null) {
            throw failComplete;
        }
        return finals.isEmpty() ? new dev.posterm.drivers.reader.ReaderError(
                dev.posterm.drivers.reader.ReaderErrorCode.READER_FAULT) : finals.remove();
    }

    /** Runs on {@link #cancel}: the reader answering X. */
    volatile Runnable onCancel = () -> { };
    final java.util.concurrent.atomic.AtomicInteger cancels = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void cancel() {
        cancels.incrementAndGet();
        onCancel.run();
    }

    @Override
    public void display(String line1, String line2, int seconds) {
    }

    @Override
    public Optional<ReaderInfo> ping(Duration deadline) {
        return Optional.empty();
    }

    @Override
    public ReaderHealth health() {
        return new ReaderHealth(true, "fake", Optional.empty(), Instant.EPOCH, 0, 0, 0, Optional.empty());
    }

    @Override
    public void close() {
    }
}
