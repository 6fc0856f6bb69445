package dev.posterm.drivers.modem;

import dev.posterm.drivers.io.Transport;
import dev.posterm.drivers.io.TransportClosedException;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A minimal TCP {@link Transport} for these tests only (the real ones live in the io package and
 * are not this package's to use or change): a raw byte stream to the scripted modem.
 */
final class SocketTransport implements Transport {

    private final int port;
    private Socket socket;

    SocketTransport(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "tcp:127.0.0.1:" + port;
    }

    @Override
    public void open() throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
    }

    @Override
    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        if (!isOpen()) {
            throw new TransportClosedException(name() + " is closed");
        }
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int n = socket.getInputStream().read(buffer, offset, length);
            if (n < 0) {
                throw new TransportClosedException(name() + ": peer closed");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (!isOpen()) {
            throw new TransportClosedException(name() + " is closed");
        }
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
