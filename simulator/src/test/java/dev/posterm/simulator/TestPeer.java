package dev.posterm.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;

/** A test's end of a simulator's TCP line: writes hand-written bytes, reads answers with bounded waits. */
public final class TestPeer implements AutoCloseable {
    public static final long WAIT_MS = 5_000;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TestPeer(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void writeHex(String hex) throws IOException {
        write(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Exactly {@code n} bytes, failing after {@link #WAIT_MS}. */
    public byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        long deadline = System.currentTimeMillis() + WAIT_MS;
        int got = 0;
        while (got < n) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            int r;
            try {
                r = in.read(bytes, got, n - got);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("only " + got + " of " + n + " bytes within " + WAIT_MS + " ms");
            }
            if (r < 0) {
                throw new AssertionError("line closed after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return bytes;
    }

    public int readByte() throws IOException {
        return read(1)[0] & 0xFF;
    }

    /** Whatever arrives within {@code quietMs} (for "nothing more is sent" checks). */
    public byte[] readFor(long quietMs) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + quietMs;
        byte[] buffer = new byte[1024];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                int r = in.read(buffer);
                if (r < 0) {
                    break;
                }
                got.write(buffer, 0, r);
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return got.toByteArray();
    }

    /** True when the peer closed the connection within {@link #WAIT_MS}; bytes before the close are skipped. */
    public boolean closedByPeer() throws IOException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        try {
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;   // still talking, never closed
                }
                socket.setSoTimeout((int) left);
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Polls {@code condition} (a simulator's own record of what it saw) until it holds, failing after
     * {@link #WAIT_MS} with {@code what}: the simulator tests' one bounded wait, never a bare sleep.
     */
    public static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("gave up after " + WAIT_MS + " ms waiting for " + what);
            }
            Thread.sleep(5);   // a poll interval, not synchronisation: the condition decides
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
