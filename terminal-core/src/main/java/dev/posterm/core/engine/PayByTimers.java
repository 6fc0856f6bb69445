package dev.posterm.core.engine;

import dev.posterm.core.heartbeat.Heartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Timers on the injected clock for orders' pay-by times: each order's reminder and its expiry fire
 * by themselves when the clock reaches them, whether or not anyone reads the order. One thread,
 * one queue ordered by due time.
 *
 * <p>The thread never waits longer than {@link #LOOK_AGAIN} in real time before reading the clock
 * again: the clock is injected and may move by more than the time waited (a test's hand-moved
 * clock, NTP stepping the system clock), and a deadline is a deadline on that clock. What a timer
 * does is idempotent and conditional on the journal (an order already paid does not expire), so a
 * stale timer for an order that moved on does nothing.
 */
final class PayByTimers implements AutoCloseable {
    /** How often the clock is read again while the next timer is not yet due. */
    static final Duration LOOK_AGAIN = Duration.ofMillis(200);

    enum Kind { REMIND, EXPIRE }

    /** One timer: {@code kind} for {@code orderId} at {@code due}. */
    record Due(Instant due, String orderId, Kind kind) {
    }

    private final Clock clock;
    private final Consumer<Due> fire;
    private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::due));
    private final Thread thread;
    private volatile boolean closed;
    private volatile Heartbeat heartbeat = Heartbeat.unwatched();

    /** {@code fire}: what to do when a timer is due; runs on the timers' thread, one at a time. */
    PayByTimers(Clock clock, Consumer<Due> fire) {
        this.clock = clock;
        this.fire = fire;
        this.thread = new Thread(this::run, "pay-by-timers");
        this.thread.setDaemon(true);
    }

    /** Beats {@code beat} at each turn of the timers' thread; set before {@link #start()}. */
    void watchedBy(Heartbeat beat) {
        heartbeat = beat;
    }

    void start() {
        thread.start();
    }

    void arm(Due due) {
        synchronized (queue) {
            queue.add(due);
            queue.notifyAll();
        }
    }

    /** How many timers wait (status, tests). */
    int armed() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void run() {
        while (!closed) {
            Due next;
            heartbeat.waiting(LOOK_AGAIN);
            try {
                next = nextDue();
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                fire.accept(next);
            } catch (RuntimeException e) {
                // The journal may be sick (disk full): try again shortly rather than forget a deadline.
                Logger.warn(e, "pay-by timer {} of order {} failed; trying again in 5 s", next.kind(), next.orderId());
                arm(new Due(clock.instant().plusSeconds(5), next.orderId(), next.kind()));
            }
        }
    }

    /** The first timer due by the clock, or null after waiting at most {@link #LOOK_AGAIN}. */
    private Due nextDue() throws InterruptedException {
        synchronized (queue) {
            Due head = queue.peek();
            if (head == null) {
                queue.wait(LOOK_AGAIN.toMillis());
                return null;
            }
            Instant now = clock.instant();
            if (now.isBefore(head.due())) {
                // Rounded up: a timer fired a fraction of a millisecond early would find its order not yet due.
                long left = Duration.between(now, head.due()).plusNanos(999_999).toMillis();
                queue.wait(Math.min(left, LOOK_AGAIN.toMillis()));
                return null;
            }
            return queue.poll();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
