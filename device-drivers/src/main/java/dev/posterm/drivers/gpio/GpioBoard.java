package dev.posterm.drivers.gpio;

/**
 * The board's GPIO: hands out output and input lines and releases them, applying their shutdown states,
 * on {@link #close()}.
 */
public interface GpioBoard extends AutoCloseable {

    OutputLine output(OutputSpec spec);

    /** An input line; its listeners stop hearing changes once the board is closed. */
    InputLine input(InputSpec spec);

    /** "gpiod" on the board, "mock" on a host without GPIO. */
    String provider();

    @Override
    void close();
}
