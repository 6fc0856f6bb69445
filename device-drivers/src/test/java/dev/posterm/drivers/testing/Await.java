package dev.posterm.drivers.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The drivers' tests' one way to wait for something another thread does: poll what the test can
 * observe until it holds, up to a deadline, and on giving up say what was awaited and for how long.
 * Never a bare sleep: a sleep "so that the other thread has done X" is a race that a slow machine loses.
 */
public final class Await {
    /** Long enough for a loaded 2-core CI machine; a passing test returns as soon as the condition holds. */
    public static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** As {@link #until(Duration, String, BooleanSupplier)} with {@link #PATIENCE}. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(PATIENCE, what, condition);
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it has not held within {@code limit}
     */
    public static void until(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + limit.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);   // a poll interval, not synchronisation: the condition decides
        }
    }
}
