package dev.posterm.drivers.reader.session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/** Waiting for a reader answer until a deadline on the injected clock, recomputing what remains. */
final class Answers {
    private Answers() {
    }

    static Reply await(Waiter w, long deadlineNanos, LongSupplier nanos) {
        while (true) {
            long end = Math.min(deadlineNanos, w.cancelGraceEndNanos);
            long left = end - nanos.getAsLong();
            if (left <= 0) {
                return w.reply.getNow(timedOut(w, deadlineNanos));
            }
            try {
                return w.reply.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: the clock decides, and a cancel() may have moved the end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply.Unavailable("interrupted while waiting for the reader");
            } catch (ExecutionException e) {
                return new Reply.Unavailable("internal error: " + e.getCause());
            }
        }
    }

    private static Reply timedOut(Waiter w, long deadlineNanos) {
        if (w.cancelRequested() && w.cancelGraceEndNanos <= deadlineNanos) {
            return new Reply.Cancelled();
        }
        return new Reply.Unavailable("no answer before the deadline");
    }
}
