package dev.posterm.drivers.io;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * The bottom layer of every device link: it moves bytes and knows nothing of frames.
 *
 * <p>One implementation per medium: a local serial device (jSerialComm) or a raw
 * serial-over-TCP server (ser2net, a Moxa NPort, a simulator). Layers above it (framers,
 * sessions) are written once against this interface and never learn which medium carries them.
 *
 * <p>Contract: {@link #open()} may be called again after {@link #close()} or after a failure
 * (a reader unplugged and plugged back). {@link #read} blocks at most {@code timeout}; it returns
 * 0 when nothing arrived in time and throws {@link TransportClosedException} when the far end went
 * away, so a session can tell "quiet line" from "no line".
 */
public interface Transport extends Closeable {

    /** What the operator configured ("/dev/ttyUSB0", "tcp:127.0.0.1:9001"): used in messages. */
    String name();

    /** Opens (or re-opens) the line. Throws if the device is absent or refuses. */
    void open() throws IOException;

    boolean isOpen();

    /**
     * Reads what is available, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 if none arrived in time
     * @throws TransportClosedException if the line is closed or the peer went away
     */
    int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

    /** Writes all bytes or throws; a write never silently drops a part. */
    void write(byte[] bytes) throws IOException;

    /** Closes the line; idempotent, never throws. */
    @Override
    void close();
}
