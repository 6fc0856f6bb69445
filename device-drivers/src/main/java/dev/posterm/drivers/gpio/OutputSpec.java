package dev.posterm.drivers.gpio;

/**
 * How to set up an output: its BCM pin, its state once set up and its state when the process
 * stops (so the alert LED is not left lit by a clean shutdown, and the modem is not powered off).
 */
public record OutputSpec(String name, int bcmPin, boolean initialHigh, boolean shutdownHigh) {
    public OutputSpec {
        if (bcmPin < 0 || bcmPin > 27) {
            throw new IllegalArgumentException("GPIO " + name + ": BCM pin must be 0..27, was " + bcmPin);
        }
    }
}
