package dev.posterm.core.engine;

import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostLinkHealth;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scriptable host: answers with a function of the request and logs every request. */
final class FakeHost implements HostLink {
    final List<IsoMessage> requests = new CopyOnWriteArrayList<>();
    volatile Function<IsoMessage, HostReply> answer = FakeHost::approve;
    /** When set, a 0200 waits for it before it is answered: the host holds its answer. */
    volatile java.util.concurrent.CountDownLatch hold0200;
    /** Whether a held 0200 gives up when its thread is interrupted (as HostSession does). */
    volatile boolean holdInterruptibly = true;
    /** Longer than any test's own wait, so the test's failure is the one reported. */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

    static HostReply approve(IsoMessage request) {
        return answer(request, "00");
    }

    static HostReply answer(IsoMessage request, String rc) {
        String mti = String.format("%04d", Integer.parseInt(request.mti()) / 10 * 10 + 10);
        IsoMessage response = new IsoMessage(mti, request.fields()).with(39, rc).with(37, "000000000042")
                .with(38, "A1B2C3");
        return new HostReply.Answered(response, Duration.ofMillis(5));
    }

    @Override
    public void start() {
    }

    @Override
    public HostReply exchange(IsoMessage request, Duration timeout) throws InterruptedException {
        requests.add(request);
        java.util.concurrent.CountDownLatch hold = hold0200;
        if (hold != null && request.mti().equals("0200")) {
            awaitRelease(hold);
        }
        return answer.apply(request);
    }

    /**
     * Holds the 0200 until the test lets go, at most {@link #HOLD_LIMIT}: a test that fails before
     * letting go must not leave the engine's lane blocked for ever.
     */
    private void awaitRelease(java.util.concurrent.CountDownLatch hold) throws InterruptedException {
        long deadline = System.nanoTime() + HOLD_LIMIT.toNanos();
        boolean interrupted = false;
        try {
            while (hold.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("fake host: the test did not release the held 0200 within "
                            + HOLD_LIMIT.toSeconds() + " s");
                }
                try {
                    hold.await(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    if (holdInterruptibly) {
                        throw e;
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<String> mtis() {
        return requests.stream().map(IsoMessage::mti).toList();
    }

    @Override
    public HostLinkHealth health() {
        return new HostLinkHealth(true, "fake:0", Instant.EPOCH, 0, Optional.empty(), 0, 0, Optional.empty());
    }

    @Override
    public void close() {
    }
}
