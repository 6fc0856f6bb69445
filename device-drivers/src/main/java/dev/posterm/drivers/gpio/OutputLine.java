package dev.posterm.drivers.gpio;

import java.time.Duration;

/**
 * One digital output (an LED, the buzzer, a modem's PWRKEY), by role rather than by pin.
 * Implementations: Pi4J (gpiod on the board, the mock provider elsewhere).
 */
public interface OutputLine {

    String name();

    void set(boolean high);

    boolean isHigh();

    /** High for {@code length}, then low; does not block the caller. */
    void pulse(Duration length);
}
