package dev.posterm.core.saf;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.engine.OwedReversals;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.CardDetails;
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
 * a new reversal. A reversal leaves the queue only on a final answer ({@link #isFinal}): 00, 25
 * (the host has no such original: nothing to undo) or 94 (the host already has this reversal).
 * Any other answer (91 issuer unavailable, 96 system malfunction, ...) and no answer at all leave
 * it pending, to be repeated with backoff; after {@link #STUCK_AFTER_ATTEMPTS} sends it is stuck:
 * the {@code REVERSAL_STUCK} alert is raised, and cleared once no stuck reversal is left.
 *
 * <p>The host profile wants every owed reversal delivered before any new 0200 on the connection:
 * the card flow calls {@link #deliverAll} first and does not go online while anything is left.
 * A background loop ({@link #runForever}) retries with backoff when no sale comes along.
 */
public final class ReversalQueue implements OwedReversals {
    /** Sends without a final answer after which a reversal is stuck (about 30 s of retries at first). */
    public static final int STUCK_AFTER_ATTEMPTS = 3;

    private final Journal journal;
    private final HostLink host;
    private final HostMessages messages;
    private final Alerts alerts;
    private final Clock clock;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.Semaphore wakeUp = new java.util.concurrent.Semaphore(0);
    private volatile Heartbeat heartbeat = Heartbeat.unwatched();

    public ReversalQueue(Journal journal, HostLink host, HostMessages messages, Alerts alerts, Clock clock,
                         Duration timeout) {
        this.journal = journal;
        this.host = host;
        this.messages = messages;
        this.alerts = alerts;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Whether this answer to a 0400/0401 ends the reversal. 25 ("unable to locate original", ISO
     * 8583; not in the profile's list) means the host holds nothing to undo. 94 (duplicate
     * transmission) can only answer our own reversal seen before under the same 41 + 11 + 7: the
     * host has it, and repeating it would only be answered 94 again while every sale waits.
     */
    public static boolean isFinal(String responseCode) {
        return switch (responseCode) {
            case "00", "25", "94" -> true;
            default -> false;
        };
    }

    public int pendingCount() {
        return journal.read(c -> ReversalTable.pending(c).size());
    }

    /** Pending, stuck and the oldest, for status. */
    public ReversalTable.Summary summary() {
        return journal.read(c -> ReversalTable.summary(c, STUCK_AFTER_ATTEMPTS));
    }

    /**
     * Sends every pending reversal in order, stopping at the first that gets no final answer.
     *
     * @return true when none is left pending
     */
    @Override
    public boolean deliverAll() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            List<ReversalRow> pending = journal.read(ReversalTable::pending);
            for (ReversalRow r : pending) {
                if (!deliver(r)) {
                    return false;
                }
            }
            if (!pending.isEmpty()) {
                alerts.clear(Alerts.Kind.REVERSAL_STUCK);
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
            ReversalTable.attempt(c, r.id(), f7);
            return null;
        });
        CardDetails card = p.card().orElseThrow();
        String posEntry = card.entryMode().map(m -> EntryMode.valueOf(m).posEntryMode()).orElse("051");
        String processing = switch (p.type()) {
            case SALE -> "000000";
            case REFUND -> HostMessages.REFUND;
            case VOID -> HostMessages.VOID;
        };
        IsoMessage request = messages.reversal(r.attempts() > 0, processing, r.stan(), f7, r.originalMti(), r.originalF7(),
                p.amount().amount(), card.localTime().orElseThrow(), posEntry, card.rrn());
        heartbeat.waiting(timeout);
        HostReply reply = host.exchange(request, timeout);
        String outcome = reply.toString();
        if (reply instanceof HostReply.Answered answered) {
            String rc = answered.response().field(39).orElse("??");
            if (isFinal(rc)) {
                journal.inTransaction(c -> {
                    ReversalTable.done(c, r.id(), rc, clock.instant());
                    return null;
                });
                Logger.info("reversal of payment {} (STAN {}) delivered ({}), host answered {}", r.paymentId(),
                        r.stan(), request.mti(), rc);
                return true;
            }
            journal.inTransaction(c -> {
                ReversalTable.refused(c, r.id(), rc);
                return null;
            });
            outcome = "host answered " + rc + ", not final";
        }
        int attempts = r.attempts() + 1;
        Logger.warn("reversal of payment {} (STAN {}) not delivered ({}, attempt {}): {}", r.paymentId(), r.stan(),
                request.mti(), attempts, outcome);
        if (attempts >= STUCK_AFTER_ATTEMPTS) {
            alerts.raise(Alerts.Kind.REVERSAL_STUCK, "reversal of payment " + r.paymentId() + " (STAN "
                    + String.format("%06d", r.stan()) + ") not accepted after " + attempts + " sends: " + outcome);
        }
        return false;
    }

    /** Asks the background loop to try now (a reversal was just queued). */
    @Override
    public void nudge() {
        wakeUp.release();
    }

    /** Retries pending reversals with backoff (5 s doubling to 2 min) until interrupted. */
    public void runForever() {
        runForever(Heartbeat.unwatched());
    }

    /** As {@link #runForever()}, beating {@code beat} at each turn, before each reversal and before each wait. */
    public void runForever(Heartbeat beat) {
        heartbeat = beat;
        Duration wait = Duration.ofSeconds(5);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat.beat();
                boolean clear = pendingCount() == 0 || deliverAll();
                wait = clear ? Duration.ofSeconds(5) : min(wait.multipliedBy(2), Duration.ofMinutes(2));
                beat.waiting(wait);
                if (wakeUp.tryAcquire(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                    wait = Duration.ofSeconds(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.error(e, "reversal loop");
                beat.waiting(wait);
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
