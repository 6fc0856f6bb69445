package dev.posterm.printer;

import dev.posterm.drivers.io.Transport;
import dev.posterm.drivers.io.TransportClosedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A raw TCP transport to 127.0.0.1:port for the tests, written to the {@link Transport} contract
 * (device-drivers' own TCP transport is not ours to use or change here). It never closes itself
 * on a failure, so the tests prove that the printer closes and reopens it.
 */
final class LoopbackTcpTransport implements Transport {

    private final int port;
    private Socket socket;
    int opens;

    LoopbackTcpTransport(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "tcp:127.0.0.1:" + port;
    }

    @Override
    public void open() throws IOException {
        close();
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        s.setTcpNoDelay(true);
        socket = s;
        opens++;
    }

    @Override
    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        Socket s = openSocket();
        try {
            // SO_TIMEOUT 0 would mean "forever": never let a sub-millisecond remainder become 0
            s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            int n = s.getInputStream().read(buffer, offset, length);
            if (n < 0) {
                throw new TransportClosedException(name() + ": peer closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (TransportClosedException e) {
            throw e;
        } catch (IOException e) {
            throw new TransportClosedException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        Socket s = openSocket();
        try {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
        } catch (IOException e) {
            throw new TransportClosedException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a dead socket: nothing left to do
            }
        }
    }

    private Socket openSocket() throws TransportClosedException {
        if (!isOpen()) {
            throw new TransportClosedException(name() + " is not open");
        }
        return socket;
    }
}
