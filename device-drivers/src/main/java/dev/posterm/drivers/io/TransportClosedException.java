package dev.posterm.drivers.io;

import java.io.IOException;

/** The line is gone: the port was closed, the device unplugged or the TCP peer hung up. */
public class TransportClosedException extends IOException {
    public TransportClosedException(String message) {
        super(message);
    }

    public TransportClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
