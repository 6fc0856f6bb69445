package dev.posterm.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One connected peer of a serial-over-TCP server: the TCP stand-in for the serial cable.
 * Writes are serialised so a fault injected by a test thread never interleaves with a frame.
 */
public final class Line {
    private final Socket socket;
    private final OutputStream out;

    public Line(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Writes raw bytes; a broken line is closed quietly (the peer reconnects, as over serial). */
    public synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead socket has nothing left to report
        }
    }

    public boolean isOpen() {
        return !socket.isClosed();
    }

    public Socket socket() {
        return socket;
    }
}
