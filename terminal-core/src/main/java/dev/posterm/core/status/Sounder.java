package dev.posterm.core.status;

import dev.posterm.drivers.gpio.OutputLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a pattern of beeps on the buzzer without blocking the caller (an event publisher): each
 * beep is a pulse scheduled at its offset. A sale's beep that comes meanwhile simply wins the line
 * ({@link OutputLine#pulse}: the last instruction wins).
 */
public interface Sounder {
    void play(List<Duration> beeps, Duration gap);

    /** On {@code buzzer}, timed on a daemon thread of its own. */
    static Sounder on(OutputLine buzzer) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "buzzer");
            t.setDaemon(true);
            return t;
        });
        return (beeps, gap) -> {
            long at = 0;
            for (Duration beep : beeps) {
                timer.schedule(() -> buzzer.pulse(beep), at, TimeUnit.MILLISECONDS);
                at += beep.plus(gap).toMillis();
            }
        };
    }
}
