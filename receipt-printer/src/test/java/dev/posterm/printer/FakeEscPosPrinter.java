package dev.posterm.printer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scriptable ESC/POS printer on a loopback TCP port, written from the Epson reference without our
 * code: records every byte it receives and answers each DLE EOT n (10 04 n) with the byte set for n,
 * unless told to stay silent. {@link #dropConnections()} is the printer being unplugged.
 */
final class FakeEscPosPrinter implements AutoCloseable {

    private final ServerSocket server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile byte[] answers = {0x12, 0x12, 0x12, 0x12};
    private volatile boolean silent;
    private volatile byte[] answersAfterCut;
    private volatile int accepted;

    FakeEscPosPrinter(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::acceptLoop, "fake-printer-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A fake printer on a port below the kernel's ephemeral range (32768 and up). Tests that switch
     * it off and then connect to its port need this: to a free port inside that range a loopback
     * connect can be given that very port as its own and connect to itself, and would then read its
     * own DLE EOT back as a printer's status.
     */
    static FakeEscPosPrinter onFixedPort() throws IOException {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return new FakeEscPosPrinter(20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The answers to DLE EOT 1, 2, 3 and 4. */
    void answer(int printer, int offlineCause, int errorCause, int rollPaper) {
        answers = new byte[] {(byte) printer, (byte) offlineCause, (byte) errorCause, (byte) rollPaper};
    }

    /** From the next cut (GS V) on, answer DLE EOT 1..4 with these: the paper ran out while the slip printed. */
    void answerAfterTheCut(int printer, int offlineCause, int errorCause, int rollPaper) {
        answersAfterCut = new byte[] {(byte) printer, (byte) offlineCause, (byte) errorCause, (byte) rollPaper};
    }

    void silent(boolean silent) {
        this.silent = silent;
    }

    int accepted() {
        return accepted;
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    synchronized void dropConnections() throws IOException {
        for (Socket s : connections) {
            s.close();
        }
        connections.clear();
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        dropConnections();
    }

    /**
     * Keeps an accepted connection unless the printer was switched off meanwhile: accept() may
     * return a connection the kernel took before close(), after close() dropped the others, and a
     * switched-off printer must not go on answering on it.
     */
    private synchronized boolean keep(Socket s) throws IOException {
        if (server.isClosed()) {
            s.close();
            return false;
        }
        connections.add(s);
        return true;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted++;
                if (!keep(s)) {
                    return;
                }
                Thread t = new Thread(() -> serve(s), "fake-printer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // server closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int state = 0; // 0: data, 1: after DLE, 2: after DLE EOT
            int previous = -1;
            int b;
            while ((b = in.read()) >= 0) {
                synchronized (received) {
                    received.write(b);
                }
                if (state == 2 && b >= 1 && b <= 4 && !silent) {
                    out.write(answers[b - 1]);
                    out.flush();
                }
                if (previous == 0x1D && b == 0x56 && answersAfterCut != null) {
                    answers = answersAfterCut;
                    answersAfterCut = null;
                }
                previous = b;
                state = state == 0 && b == 0x10 ? 1 : state == 1 && b == 0x04 ? 2 : b == 0x10 ? 1 : 0;
            }
        } catch (IOException e) {
            // connection dropped: the test decides what that means
        }
    }
}
