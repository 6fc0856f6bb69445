package dev.posterm.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A raw serial-over-TCP server on 127.0.0.1, as ser2net would offer a device's serial port:
 * bytes in, bytes out, no framing of its own.
 *
 * <p>A serial port has one peer, so the server keeps one {@link Line}: a new connection replaces
 * (closes) the previous one. Why replace rather than refuse: a controller that restarted may not
 * have closed its old socket cleanly, and a real cable simply belongs to whoever holds it now.
 *
 * <p>Each line has its own reader thread; reads time out every {@value #TICK_MS} ms so the
 * device gets {@link Device#tick} calls to run its own timers (retransmission, delayed events)
 * even while the line is quiet.
 */
public final class LineServer implements AutoCloseable {
    static final int TICK_MS = 10;

    /** What a simulated device does with its line. Calls come from the line's reader thread. */
    public interface Device {
        void connected(Line line);

        void received(Line line, byte[] chunk, long nowNanos);

        void tick(Line line, long nowNanos);

        void disconnected(Line line);
    }

    private final String name;
    private final int requestedPort;
    private final Device device;
    private final SimLog log;
    private ServerSocket listener;
    private volatile Line current;
    private volatile boolean closed;

    public LineServer(String name, int port, Device device, SimLog log) {
        this.name = name;
        this.requestedPort = port;
        this.device = device;
        this.log = log;
    }

    public synchronized void start() throws IOException {
        listener = LoopbackPorts.listen(requestedPort);
        Thread.ofPlatform().daemon().name(name + "-accept").start(this::acceptLoop);
        log.add("listening on 127.0.0.1:" + port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops the current connection, as pulling the cable would; the server keeps listening. */
    public void dropConnection() {
        Line line = current;
        if (line != null) {
            line.close();
        }
    }

    public boolean connected() {
        Line line = current;
        return line != null && line.isOpen();
    }

    /**
     * Switches the device off: no listener, no line. A connection the kernel accepted while the
     * listener was closing (the JDK closes a listening socket only once the thread blocked in
     * accept has left it, which on a loaded machine can be after the controller's next dial) is
     * closed too, by the accept loop or here, whichever comes second: else the "unplugged" device
     * went on answering on it.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // the listener is going away either way
        }
        synchronized (this) {
            dropConnection();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                Line line;
                synchronized (this) {
                    if (closed) {
                        socket.close();
                        return;
                    }
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(TICK_MS);
                    line = new Line(socket);
                    Line previous = current;
                    current = line;
                    if (previous != null) {
                        previous.close();
                    }
                }
                Thread.ofPlatform().daemon().name(name + "-line").start(() -> serve(line));
            } catch (IOException e) {
                if (!closed) {
                    log.add("accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Line line) {
        log.add("connected");
        device.connected(line);
        byte[] buffer = new byte[4096];
        try (InputStream in = line.socket().getInputStream()) {
            while (line.isOpen()) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException quiet) {
                    device.tick(line, System.nanoTime());
                    continue;
                }
                if (n < 0) {
                    break;
                }
                device.received(line, Arrays.copyOf(buffer, n), System.nanoTime());
                device.tick(line, System.nanoTime());
            }
        } catch (IOException e) {
            // the peer went away: same as end of stream
        } finally {
            line.close();
            device.disconnected(line);
            log.add("disconnected");
        }
    }
}
