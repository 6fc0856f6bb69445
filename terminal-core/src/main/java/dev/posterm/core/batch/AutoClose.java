package dev.posterm.core.batch;

import dev.posterm.core.heartbeat.Heartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.tinylog.Logger;

/**
 * Closes the batch by itself each day at {@code batch.auto_close_at} (local time), unforced: a close
 * the host or waiting advices refuse leaves the batch open (an event and the log say why), and the
 * back office decides. A clock that jumps (NTP after a cold start) is met by recomputing the wait.
 */
public final class AutoClose {
    private final Batches batches;
    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;

    public AutoClose(Batches batches, LocalTime at, ZoneId zone, Clock clock) {
        this.batches = batches;
        this.at = at;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The first {@code at} in {@code zone} strictly after {@code now}. On a day when that local time
     * does not exist (the clocks go forward over it) it is the first instant after the gap; on a day
     * it happens twice, the first of them.
     */
    static Instant next(Instant now, LocalTime at, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(at).atZone(zone);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = local.toLocalDate().plusDays(1).atTime(at).atZone(zone);
        }
        return candidate.toInstant();
    }

    /** Until interrupted: waits for the next close time, closes, and again. */
    public void runForever() {
        runForever(Heartbeat.unwatched());
    }

    /** As {@link #runForever()}, beating {@code beat} before each wait and each close. */
    public void runForever(Heartbeat beat) {
        Instant due = next(clock.instant(), at, zone);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat.beat();
                Duration left = Duration.between(clock.instant(), due);
                if (left.isPositive()) {
                    beat.waiting(Duration.ofMillis(Math.min(left.toMillis(), 60_000)));
                    Thread.sleep(Math.min(left.toMillis(), 60_000));   // again at most each minute: the clock may jump
                    continue;
                }
                Logger.info("batch: closing by itself ({} local)", at);
                CloseOutcome outcome = batches.close(false);
                Logger.info("batch: daily close: {}", outcome);
                due = next(clock.instant(), at, zone);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | java.io.IOException e) {
                Logger.error(e, "batch: the daily close failed; the batch stays open");
                due = next(clock.instant(), at, zone);
            }
        }
    }
}
