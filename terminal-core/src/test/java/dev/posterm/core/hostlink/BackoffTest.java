package dev.posterm.core.hostlink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    @Test
    void doublesFromHalfASecondUpToThirtySecondsWithinTheUpperHalfOfEachStep() {
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);

        assertEquals(Duration.ofMillis(250), low.delay(1));
        assertEquals(Duration.ofMillis(500), low.delay(2));
        assertEquals(Duration.ofMillis(1000), low.delay(3));
        assertEquals(Duration.ofSeconds(15), low.delay(7));      // 32 s step capped at 30 s
        assertEquals(Duration.ofSeconds(15), low.delay(1_000));
        assertEquals(500, high.delay(1).toMillis(), 1);
        assertEquals(30_000, high.delay(50).toMillis(), 1);
    }

    @Test
    void refusesAMaximumBelowTheInitialDelay() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.0));
    }
}
