package dev.posterm.core.hostlink;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delay before reconnecting: doubling from {@code initial} up to {@code maximum}, with "equal
 * jitter" (a random point in the upper half of the step) so a fleet of terminals that lost the
 * host together does not come back in one wave.
 *
 * <pre>
 *   failures:  1        2        3       ...  7+
 *   step:      0.5 s    1 s      2 s          30 s (capped)
 *   delay:     [step/2, step]  with jitter() in [0, 1)
 * </pre>
 *
 * @param jitter a source of numbers in [0, 1); tests pass a constant
 */
public record Backoff(Duration initial, Duration maximum, DoubleSupplier jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || maximum.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= maximum, was " + initial + ", " + maximum);
        }
    }

    /** 0.5 s doubling to 30 s, random jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay after {@code failures} consecutive failures (1 or more). */
    public Duration delay(int failures) {
        long max = maximum.toNanos();
        long step = initial.toNanos();
        for (int i = 1; i < failures && step < max; i++) {
            step *= 2;
        }
        step = Math.min(step, max);
        double half = step / 2.0;
        return Duration.ofNanos((long) (half + half * jitter.getAsDouble()));
    }
}
