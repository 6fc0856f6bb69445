package dev.posterm.drivers.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Serial bytes over a raw TCP stream: ser2net in raw mode, a Moxa NPort in TCP server mode, or
 * the simulator. No Telnet/RFC 2217 negotiation: every byte is the device's. TCP_NODELAY is on
 * because CRL/1 ACKs are single bytes that must not wait for Nagle.
 */
public final class TcpTransport implements Transport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Object writeLock = new Object();
    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;

    public TcpTransport(String host, int port) {
        this(host, port, CONNECT_TIMEOUT);
    }

    public TcpTransport(String host, int port, Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public String name() {
        return "tcp:" + host + ":" + port;
    }

    @Override
    public synchronized void open() throws IOException {
        close();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            if (s.getLocalPort() == s.getPort() && s.getLocalAddress().equals(s.getInetAddress())) {
                // TCP simultaneous open: nothing listens on a local ephemeral port and the kernel
                // gave us that very port, so we are connected to ourselves and would read our own frames.
                throw new IOException("connected to itself (nothing listening)");
            }
            in = s.getInputStream();
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw new IOException(name() + ": cannot connect: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isOpen() {
        Socket s = socket;
        return s != null && !s.isClosed();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        Socket s = socket;
        if (s == null || s.isClosed()) {
            throw new TransportClosedException(name() + " is closed");
        }
        try {
            // 0 would mean "wait forever" to a socket; the contract says "at most timeout"
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new TransportClosedException(name() + ": the peer closed the connection");
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
        OutputStream o = out;
        if (o == null || !isOpen()) {
            throw new TransportClosedException(name() + " is closed");
        }
        synchronized (writeLock) {
            try {
                o.write(bytes);
                o.flush();
            } catch (IOException e) {
                throw new TransportClosedException(name() + ": write failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with the error
            }
        }
    }
}
