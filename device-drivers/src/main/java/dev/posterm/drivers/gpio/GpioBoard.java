package dev.posterm.drivers.gpio;

/**
 * The board's GPIO: hands out output lines and releases them, applying their shutdown states,
 * on {@link #close()}.
 */
public interface GpioBoard extends AutoCloseable {

    OutputLine output(OutputSpec spec);

    /** "gpiod" on the board, "mock" on a host without GPIO. */
    String provider();

    @Override
    void close();
}
