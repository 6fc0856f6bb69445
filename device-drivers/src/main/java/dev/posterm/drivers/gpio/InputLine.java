package dev.posterm.drivers.gpio;

import java.util.function.Consumer;

/**
 * One digital input (the case's tamper switch, the service button), by role rather than by pin.
 * Implementations: Pi4J (gpiod on the board, the mock provider elsewhere, which tests drive with
 * {@link Pi4jBoard#simulate}).
 */
public interface InputLine {

    String name();

    /** The level now, after the line's debounce. */
    boolean isHigh();

    /**
     * Calls {@code listener} with the new level on each debounced change, on a thread of the GPIO
     * library: a listener must return quickly and never throw.
     */
    void onChange(Consumer<Boolean> listener);
}
