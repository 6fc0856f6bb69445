package dev.posterm.core.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a device simulator that counts the bytes crossing it both ways:
 * what a serial line would carry. The controller connects to {@link #port()}; each connection is
 * relayed to the simulator's port. For benchmarks.
 */
final class ByteRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final AtomicLong bytes = new AtomicLong();

    private ByteRelay(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    static ByteRelay to(int target) throws IOException {
        ByteRelay relay = new ByteRelay(new ServerSocket(0, 4, InetAddress.getLoopbackAddress()), target);
        Thread.ofPlatform().daemon().name("relay-" + target).start(relay::accept);
        return relay;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes relayed so far, both directions. */
    long bytes() {
        return bytes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                int n;
                while ((n = i.read(buffer)) > 0) {
                    o.write(buffer, 0, n);
                    o.flush();
                    bytes.addAndGet(n);
                }
            } catch (IOException e) {
                // one side closed: the other pump ends too
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        });
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }
}
