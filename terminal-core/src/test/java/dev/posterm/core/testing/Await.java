package dev.posterm.core.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The controller's tests' one way to wait for something another thread or process does: poll what
 * a user or the fake can observe until it holds, up to a deadline, and on giving up say what was
 * awaited, for how long, and what was last seen. Never a bare sleep: a sleep "so that the other
 * thread has done X" is a race that a slow machine loses. Where a timer in the code under test must
 * run out, inject a {@link ManualClock} and advance it instead of waiting.
 */
public final class Await {
    /** Long enough for a loaded 2-core CI machine; a passing test returns as soon as the condition holds. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Something the test can look at; it may do I/O (GET /status, a journal query). */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A reading the test can take, shown in the failure when the wait gives up. */
    public interface Probe<T> {
        T read() throws Exception;
    }

    /** As {@link #until(Duration, String, Condition)} with {@link #PATIENCE}. */
    public static void until(String what, Condition condition) throws Exception {
        until(PATIENCE, what, condition);
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it has not held within {@code limit}
     */
    public static void until(Duration limit, String what, Condition condition) throws Exception {
        until(limit, what, condition::holds, Boolean::booleanValue);
    }

    /**
     * Reads {@code probe} until {@code done} accepts the reading, and returns that reading.
     *
     * @throws AssertionError naming {@code what} and the last reading when none was accepted within {@code limit}
     */
    public static <T> T until(Duration limit, String what, Probe<T> probe, Predicate<? super T> done)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T seen = probe.read();
        while (!done.test(seen)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + limit.toMillis() + " ms waiting for " + what
                        + (seen instanceof Boolean ? "" : "; last seen: " + seen));
            }
            Thread.sleep(POLL_MILLIS);   // a poll interval, not synchronisation: the condition decides
            seen = probe.read();
        }
        return seen;
    }
}
