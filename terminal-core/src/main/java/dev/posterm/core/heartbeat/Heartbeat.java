package dev.posterm.core.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One long-running loop's sign of life, given from inside its body. A loop {@link #beat}s at each
 * turn and, before a wait it knows the bound of (a timed poll, a sleep, an exchange with its
 * timeout), says so with {@link #waiting}: it stays fresh until that bound has passed, plus the
 * loop's grace. A loop blocked where no bound was declared (a read that never returns, a lock
 * never released) stops being fresh once its grace is over, and the watchdog stops petting.
 *
 * <p>Why a bound rather than beats in slices: a loop that is legitimately waiting two minutes
 * before its next retry need not wake to say so, and the time stays the injected clock's, so a
 * test moves it by hand.
 */
public final class Heartbeat {
    private final String loop;
    private final Clock clock;
    private final Duration grace;
    private volatile Instant freshUntil;
    private volatile Instant lastBeat;

    Heartbeat(String loop, Clock clock, Duration grace) {
        this.loop = loop;
        this.clock = clock;
        this.grace = grace;
        this.lastBeat = clock.instant();
        this.freshUntil = lastBeat.plus(grace);
    }

    /** A heartbeat nobody watches: for a loop run outside the controller (a test, a benchmark). */
    public static Heartbeat unwatched() {
        return new Heartbeat("unwatched", Clock.systemUTC(), Duration.ofDays(3650));
    }

    /** The loop's name, as logs and {@code posterm_loop_overdue_seconds} show it. */
    public String loop() {
        return loop;
    }

    /** Alive now: the loop's own work of one turn may take up to the grace before the next beat. */
    public void beat() {
        waiting(Duration.ZERO);
    }

    /** Alive now and about to wait at most {@code bound}: fresh until the bound, plus the grace. */
    public void waiting(Duration bound) {
        Instant now = clock.instant();
        freshUntil = now.plus(bound).plus(grace);
        lastBeat = now;
    }

    /** When the loop last beat (or was registered). */
    public Instant lastBeat() {
        return lastBeat;
    }

    /** How long past its bound the loop is at {@code now}; empty while it is fresh. */
    public Optional<Duration> overdue(Instant now) {
        Instant until = freshUntil;
        return now.isAfter(until) ? Optional.of(Duration.between(until, now)) : Optional.empty();
    }
}
