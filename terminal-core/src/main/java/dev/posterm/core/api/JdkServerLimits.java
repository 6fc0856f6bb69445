package dev.posterm.core.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The limits of the JDK's HTTP server that keep slow or hostile clients from freezing the API
 * before any token is checked. The server reads them from system properties once, when its
 * implementation class is first loaded, for every server of the JVM: {@link #apply()} sets each
 * one that is not already set on the command line, and must run before the first
 * {@code HttpServer.create} (ApiServer's static initialiser does it; ApiServer is the terminal's
 * only HTTP server).
 *
 * <p>Verified against the JDK 21 and 25 sources ({@code sun.net.httpserver.ServerConfig},
 * {@code ServerImpl}) and over raw sockets ({@code SlowClientTest}):
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime} is in <em>seconds</em>, although the module
 *       documentation says milliseconds; it runs from the connection's first byte until the
 *       request's headers and body are read (TLS handshake included), and the connection is
 *       closed when it is exceeded. It also bounds a connection that sends nothing at all.</li>
 *   <li>{@code sun.net.httpserver.clockTick} (ms) is how often idle and silent connections are
 *       looked at; the default 10 s would let a silent connection live up to 15 s.</li>
 *   <li>{@code jdk.httpserver.maxConnections}: beyond it a new connection is accepted and closed
 *       at once, unanswered. Event streams and idle keep-alive connections count too.</li>
 *   <li>{@code sun.net.httpserver.maxRspTime} is deliberately not set: it would cut long polls
 *       and event streams.</li>
 * </ul>
 * The request time no longer ties up anything else since requests are read on virtual threads;
 * it bounds how long a slow client holds one of the {@link #MAX_CONNECTIONS}.
 */
final class JdkServerLimits {
    /** Seconds from a connection's first byte (or its opening) to the end of the request's body. */
    static final int REQUEST_SECONDS = 5;
    static final int MAX_CONNECTIONS = 64;
    static final int MAX_IDLE_CONNECTIONS = 16;
    static final int IDLE_SECONDS = 30;
    static final int MAX_HEADERS = 64;
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private JdkServerLimits() {
    }

    static Map<String, String> wanted() {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        limits.put("sun.net.httpserver.clockTick", "1000");
        limits.put("sun.net.httpserver.timerMillis", "1000");
        limits.put("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
        limits.put("sun.net.httpserver.maxIdleConnections", String.valueOf(MAX_IDLE_CONNECTIONS));
        limits.put("sun.net.httpserver.idleInterval", String.valueOf(IDLE_SECONDS));
        limits.put("sun.net.httpserver.maxReqHeaders", String.valueOf(MAX_HEADERS));
        limits.put("sun.net.httpserver.maxReqHeaderSize", String.valueOf(MAX_HEADER_BYTES));
        return limits;
    }

    /** Sets every limit the command line has not set; an operator's {@code -D} wins. */
    static void apply() {
        wanted().forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    /** The values in force, for the start-up log line. */
    static String describe() {
        StringBuilder out = new StringBuilder();
        wanted().keySet().forEach(name -> out.append(out.isEmpty() ? "" : ", ")
                .append(name.substring(name.lastIndexOf('.') + 1)).append('=').append(System.getProperty(name)));
        return out.toString();
    }

    static void log() {
        Logger.info("Local API limits: {}", describe());
    }
}
