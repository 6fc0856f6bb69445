package dev.posterm.drivers.gpio;

import java.time.Duration;

/**
 * How to set up an input: its BCM pin, the internal resistor that gives it a level when nothing
 * drives it, and how long a new level must hold before it counts (contact bounce).
 */
public record InputSpec(String name, int bcmPin, Pull pull, Duration debounce) {

    /** UP: the line reads high until the contact pulls it to ground; DOWN: low until it is tied to 3.3 V. */
    public enum Pull { UP, DOWN }

    public InputSpec {
        if (bcmPin < 0 || bcmPin > 27) {
            throw new IllegalArgumentException("GPIO " + name + ": BCM pin must be 0..27, was " + bcmPin);
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("GPIO " + name + ": debounce must not be negative, was " + debounce);
        }
    }
}
