package dev.posterm.core.bundle;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.time.Duration;

/**
 * Holds new payments back while a configuration is being taken. A payment start passes the gate
 * ({@link #enter}) or is refused with {@link ErrorCode#CONFIG_APPLYING} (503, try again shortly);
 * {@link #awaitNoStarts} lets the apply wait until every start that got through has committed its
 * payment (PENDING in the journal, which the apply then waits on) or given up: so there is no
 * moment where a payment has passed the gate but is not yet in the journal.
 */
public final class PaymentGate {
    private boolean closed;
    private int starting;

    /** @throws Refused CONFIG_APPLYING while closed */
    public synchronized void enter() throws Refused {
        if (closed) {
            throw new Refused(ErrorCode.CONFIG_APPLYING, "A new configuration is being taken; new payments wait"
                    + " until it is applied or rolled back. Try again in a few seconds.");
        }
        starting++;
    }

    public synchronized void leave() {
        starting--;
        notifyAll();
    }

    public synchronized void close() {
        closed = true;
    }

    public synchronized void open() {
        closed = false;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** @return true when no start is in flight; false if one still was after {@code limit} */
    public synchronized boolean awaitNoStarts(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (starting > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
