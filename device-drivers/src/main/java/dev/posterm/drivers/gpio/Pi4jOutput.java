package dev.posterm.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One output line on a {@link Pi4jBoard}. A pulse is timed on the board's scheduler, not Pi4J's
 * blocking {@code pulse}: the caller (a payment flow beeping) must not wait. A new pulse or a
 * {@link #set} cancels a pending end of pulse, so the last instruction wins.
 *
 * <p>Once the board is closed the line is detached: it keeps its shutdown state and ignores
 * further instructions, because status updates may still race with the process stopping.
 */
final class Pi4jOutput implements OutputLine {

    private final OutputSpec spec;
    private final DigitalOutput output;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pulseEnd;
    private boolean detached;

    Pi4jOutput(OutputSpec spec, DigitalOutput output, ScheduledExecutorService scheduler) {
        this.spec = spec;
        this.output = output;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public synchronized void set(boolean high) {
        cancelPulse();
        drive(high);
    }

    @Override
    public synchronized boolean isHigh() {
        return output.state() == DigitalState.HIGH;
    }

    @Override
    public synchronized void pulse(Duration length) {
        cancelPulse();
        if (detached) {
            return;
        }
        drive(true);
        try {
            pulseEnd = scheduler.schedule(this::endPulse, length.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            drive(false);
        }
    }

    synchronized void detach() {
        cancelPulse();
        detached = true;
    }

    private synchronized void endPulse() {
        pulseEnd = null;
        drive(false);
    }

    private void cancelPulse() {
        if (pulseEnd != null) {
            pulseEnd.cancel(false);
            pulseEnd = null;
        }
    }

    private void drive(boolean high) {
        if (!detached) {
            output.state(DigitalState.getState(high));
        }
    }

    @Override
    public String toString() {
        return "GPIO " + spec.name() + " (BCM " + spec.bcmPin() + ")";
    }
}
