package dev.posterm.core.hostlink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The transport layer of the host link: opens one TCP connection, wrapped in TLS with the
 * acquirer's CA pinned ({@link AcquirerTls}) when TLS is on.
 *
 * <p>Plain TCP is refused at construction unless the host is loopback ("localhost" or a loopback
 * IP literal; names are not resolved, so DNS cannot make a remote host look local) or the lab
 * switch {@code allowPlainTcp} is set. TLS needs the CA file. With TLS off a configured CA file
 * is not used.
 */
final class Dialer {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final Optional<AcquirerTls> tls;
    /** The socket being connected or handshaken, so {@link #abort} can cut a dial short. */
    private volatile Socket dialing;

    Dialer(String host, int port, boolean tls, Optional<Path> caFile, boolean allowPlainTcp) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("acquirer port must be 1..65535, was " + port);
        }
        this.host = host;
        this.port = port;
        if (tls) {
            this.tls = Optional.of(AcquirerTls.pinnedTo(caFile.orElseThrow(() ->
                    new IllegalArgumentException("TLS to acquirer " + address() + " needs the acquirer's CA file"))));
        } else if (!allowPlainTcp && !isLoopback(host)) {
            throw new IllegalArgumentException("plain TCP to acquirer " + address()
                    + " refused: not a loopback address; use TLS, or allow plain TCP explicitly for a lab");
        } else {
            this.tls = Optional.empty();
        }
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
        try {
            return literal && InetAddress.getByName(host).isLoopbackAddress();  // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    String address() {
        return host + ":" + port;
    }

    boolean tls() {
        return tls.isPresent();
    }

    /** Connects (and handshakes) within {@link #CONNECT_TIMEOUT} each. */
    Connection dial() throws IOException {
        Socket socket = new Socket();
        dialing = socket;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            if (socket.getLocalPort() == socket.getPort() && socket.getLocalAddress().equals(socket.getInetAddress())) {
                // TCP simultaneous open: dialling a local port nobody listens on can connect to itself
                throw new IOException("connected to itself: nothing listens on " + address());
            }
            return new Connection(tls.isPresent() ? tls.get().handshake(socket, host, port, CONNECT_TIMEOUT) : socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        } finally {
            dialing = null;
        }
    }

    /** Closes a socket still connecting, so a closing session need not wait out the connect timeout. */
    void abort() {
        Socket s = dialing;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // it is being abandoned anyway
            }
        }
    }
}
