package dev.posterm.core.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven HTTP/1.1 connection for what {@code java.net.http} will not send: malformed
 * request lines, and requests written a few bytes at a time. Every read has a deadline.
 */
final class RawHttp implements AutoCloseable {
    final Socket socket;

    RawHttp(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 5_000);
        socket.setSoTimeout(15_000);
    }

    RawHttp write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** A whole request, closing the connection after the answer. */
    static String request(String method, String target, String token) {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
    }

    /** Everything the server sends until it closes the connection. */
    String readToClose() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the server has closed the connection (end of stream or reset) before
     * {@code deadlineMillis}; bytes the server sends meanwhile are read and dropped.
     */
    boolean closedByServerWithin(int deadlineMillis) throws IOException {
        socket.setSoTimeout(deadlineMillis);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                seen.write(b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
