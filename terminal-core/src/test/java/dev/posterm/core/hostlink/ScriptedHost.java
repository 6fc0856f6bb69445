package dev.posterm.core.hostlink;

import javax.net.ServerSocketFactory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test acquirer on loopback that the test drives by hand: it hands over each request it read
 * and writes whatever the test tells it to. It frames with DataInput/OutputStream, sharing no code
 * with the session's framer.
 */
final class ScriptedHost implements AutoCloseable {

    /**
     * One request as it arrived, on the connection it arrived on ({@code connection}: 1 for the
     * first accepted, 2 for the next...).
     */
    record Received(String ascii, DataOutputStream replyTo, int connection) {
        void answer(String asciiMessage) throws IOException {
            sendRaw(replyTo, asciiMessage.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocket server;
    private final int port;

    private final ServerSocketFactory sockets;

    ScriptedHost() throws IOException {
        this(ServerSocketFactory.getDefault(), 0);
    }

    /**
     * A host on a port below the kernel's ephemeral range (32768 and up), so that while it is down
     * the session's own outgoing sockets cannot take its port and it can come back on it.
     */
    static ScriptedHost onFixedPort() throws IOException {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return new ScriptedHost(ServerSocketFactory.getDefault(), 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A host with TLS (or anything else) in front, as {@code sockets} makes it. */
    ScriptedHost(ServerSocketFactory sockets, int port) throws IOException {
        this.sockets = sockets;
        ServerSocket s = sockets.createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.server = s;
        this.port = s.getLocalPort();
        Thread.ofPlatform().daemon().name("scripted-host-" + this.port).start(this::acceptLoop);
    }

    int port() {
        return port;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Requests received and not yet taken. */
    int waitingRequests() {
        return requests.size();
    }

    Received nextRequest() throws InterruptedException {
        Received r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the host received no request within 5 s");
        }
        return r;
    }

    /** Writes raw bytes, prefix and all, on the latest connection. */
    void sendOnLatest(byte[] raw) throws IOException {
        // One stream, taken once: the session may drop the connection as soon as these bytes land
        // (that is what some tests send them for), and a closed Socket refuses getOutputStream().
        java.io.OutputStream out = accepted.get(accepted.size() - 1).getOutputStream();
        out.write(raw);
        out.flush();
    }

    static void sendRaw(DataOutputStream out, byte[] body) throws IOException {
        synchronized (out) {
            out.writeShort(body.length);
            out.write(body);
            out.flush();
        }
    }

    private void acceptLoop() {
        ServerSocket s = server;
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                accepted.add(socket);
                int number = connections.incrementAndGet();
                Thread.ofPlatform().daemon().start(() -> readLoop(socket, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readLoop(Socket socket, int number) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                requests.add(new Received(new String(body, StandardCharsets.US_ASCII), out, number));
            }
        } catch (IOException e) {
            // connection over
        }
    }

    /** The host goes down: listening socket and every connection closed. */
    void stop() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    /**
     * Back up on the same port. The old listening socket is released only once its accept thread
     * has left accept(), so binding is retried for up to 5 s.
     */
    ScriptedHost restart() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return new ScriptedHost(sockets, port);
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
