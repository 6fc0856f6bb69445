package dev.posterm.drivers.reader.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A fake reader at the far end of a real TCP loopback connection, driven by the test line by
 * line with bytes written out by hand. It shares no code with the driver: it reads a frame by
 * STX and the LEN bytes only, and returns it as upper-case hex for comparison with the spec's bytes.
 * It records what it saw, so a failing test can say so.
 */
final class ScriptedReader implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int WAIT_MS = 5000;

    private final ServerSocket server;
    private Socket socket;
    private InputStream in;
    final List<String> seen = new ArrayList<>();

    ScriptedReader() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(WAIT_MS);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the driver to connect (again). */
    void accept() throws IOException {
        socket = server.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(WAIT_MS);
        in = socket.getInputStream();
    }

    /** Reads one whole frame, STX to LRC, and returns it as hex. */
    String readFrame() throws IOException {
        int stx = readByte();
        if (stx != 0x02) {
            throw new AssertionError("expected STX, got " + Integer.toHexString(stx) + " after " + seen);
        }
        int hi = readByte();
        int lo = readByte();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(stx);
        frame.write(hi);
        frame.write(lo);
        int rest = ((hi << 8) | lo) + 2;
        for (int i = 0; i < rest; i++) {
            frame.write(readByte());
        }
        String hex = HEX.formatHex(frame.toByteArray());
        seen.add(hex);
        return hex;
    }

    /** Reads one byte, expecting the driver's ACK. */
    void expectAck() throws IOException {
        int b = readByte();
        if (b != 0x06) {
            throw new AssertionError("expected ACK, got " + Integer.toHexString(b));
        }
    }

    /** True if nothing at all arrives within {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(WAIT_MS);
        }
    }

    void send(String hex) throws IOException {
        socket.getOutputStream().write(HexFormat.of().parseHex(hex));
        socket.getOutputStream().flush();
    }

    void ack() throws IOException {
        send("06");
    }

    void nak() throws IOException {
        send("15");
    }

    /** The reader is unplugged: the connection drops. */
    void hangUp() throws IOException {
        socket.close();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new AssertionError("the driver closed the connection after " + seen);
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
