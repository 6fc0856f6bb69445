package dev.posterm.core.saf;

import dev.posterm.core.engine.HostMessages;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReversalRow;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.drivers.reader.EntryMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * Delivers the reversals the journal owes the host, oldest first: 0400, then 0401 for every
 * repeat, each keeping the field 7 stamped at its first send, so the host can tell a repeat from
 * a new reversal. A reversal leaves the queue only when the host answered it.
 *
 * <p>The host profile wants every owed reversal delivered before any new 0200 on the connection:
 * the card flow calls {@link #deliverAll} first and does not go online while anything is left.
 * A background loop ({@link #runForever}) retries with backoff when no sale comes along.
 */
public final class ReversalQueue {
    private final Journal journal;
    private final HostLink host;
    private final HostMessages messages;
    private final Clock clock;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.Semaphore wakeUp = new java.util.concurrent.Semaphore(0);

    public ReversalQueue(Journal journal, HostLink host, HostMessages messages, Clock clock, Duration timeout) {
        this.journal = journal;
        this.host = host;
        this.messages = messages;
        this.clock = clock;
        this.timeout = timeout;
    }

    public int pendingCount() {
        return journal.read(c -> ReversalTable.pending(c).size());
    }

    /**
     * Sends every pending reversal in order, stopping at the first that gets no answer.
     *
     * @return true when none is left pending
     */
    public boolean deliverAll() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            List<ReversalRow> pending = journal.read(ReversalTable::pending);
            for (ReversalRow r : pending) {
                if (!deliver(r)) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean deliver(ReversalRow r) throws InterruptedException {
        PaymentRow p = journal.read(c -> PaymentTable.find(c, r.paymentId())).orElseThrow();
        String f7 = r.transmittedAt().orElseGet(() -> HostMessages.transmissionTime(clock.instant()));
        // Journal the attempt before it leaves: after a crash the next one is a 0401 with this field 7.
        journal.inTransaction(c -> {
            ReversalTable.attempt(c, r.stan(), f7);
            return null;
        });
        String posEntry = p.entryMode().map(m -> EntryMode.valueOf(m).posEntryMode()).orElse("051");
        IsoMessage request = messages.reversal(r.attempts() > 0, r.stan(), f7, r.originalMti(), r.originalF7(),
                p.amount(), p.localTime().orElseThrow(), posEntry, p.rrn());
        HostReply reply = host.exchange(request, timeout);
        if (reply instanceof HostReply.Answered answered) {
            String rc = answered.response().field(39).orElse("??");
            journal.inTransaction(c -> {
                ReversalTable.done(c, r.stan(), rc, clock.instant());
                return null;
            });
            Logger.info("reversal of STAN {} delivered ({}), host answered {}", r.stan(), request.mti(), rc);
            return true;
        }
        Logger.warn("reversal of STAN {} not delivered ({}): {}", r.stan(), request.mti(), reply);
        return false;
    }

    /** Asks the background loop to try now (a reversal was just queued). */
    public void nudge() {
        wakeUp.release();
    }

    /** Retries pending reversals with backoff (5 s doubling to 2 min) until interrupted. */
    public void runForever() {
        Duration wait = Duration.ofSeconds(5);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                boolean clear = pendingCount() == 0 || deliverAll();
                wait = clear ? Duration.ofSeconds(5) : min(wait.multipliedBy(2), Duration.ofMinutes(2));
                if (wakeUp.tryAcquire(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                    wait = Duration.ofSeconds(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.error(e, "reversal loop");
                sleepQuietly(wait);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
