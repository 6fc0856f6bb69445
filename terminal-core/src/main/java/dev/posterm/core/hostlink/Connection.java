package dev.posterm.core.hostlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP (or TLS) connection to the host. Many threads may {@link #send}; one reader thread
 * reads. {@link #close} never waits for a writer, so a write stuck in the kernel cannot hold up
 * the reader's reconnect.
 */
final class Connection {

    /** Whether a request left. */
    enum Sent {
        /** The connection was already closed: not a byte was written. */
        NOT_SENT,
        /** Written and flushed. */
        SENT,
        /** The write failed part way: some or all of it may have reached the host. */
        MAYBE_SENT
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final Object writeLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String closeReason;

    Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Writes one whole frame; frames from different threads never interleave. */
    Sent send(byte[] frame) {
        synchronized (writeLock) {
            if (closed.get()) {
                return Sent.NOT_SENT;
            }
            try {
                out.write(frame);
                out.flush();
                return Sent.SENT;
            } catch (IOException e) {
                return Sent.MAYBE_SENT;
            }
        }
    }

    InputStream in() {
        return in;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Why it was closed from our side, for the reader to report. */
    String closeReason() {
        String why = closeReason;
        return why == null ? "connection closed" : why;
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeSocket();
        }
    }

    /**
     * Judged dead (the host stopped answering): from now on nothing more is written to it and the
     * session waits for the next connection, at once. The socket itself is closed on a thread of its
     * own, since the caller may be the JDK's shared timeout thread and a TLS close may wait on a
     * write stuck in the kernel. The reader then sees the close and reports {@code why}.
     */
    void giveUp(String why) {
        closeReason = why;
        if (closed.compareAndSet(false, true)) {
            Thread.ofVirtual().name("hostlink-close").start(this::closeSocket);
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing to give up on it: nothing more to do with a failure here
        }
    }
}
