package dev.posterm.core.api;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Refused authentication (no token, a wrong one, or the wrong role): written down for audit and
 * slowed down, per source address.
 *
 * <p>The audit line names the source address, method, path, request id and why; never the token
 * nor any part or length of it. The delay grows with the failures from one address: none for the
 * first (a typo at set-up), then {@value #FIRST_DELAY_MILLIS} ms, doubling up to
 * {@value #MAX_DELAY_SECONDS} s. An address is forgotten at its next success or
 * {@value #FORGET_AFTER_MINUTES} minutes after its last failure, and at most {@value #MAX_SOURCES}
 * addresses are remembered (the longest quiet goes first), so a flood of addresses cannot fill
 * the board's memory. The delay is spent on the refused request's own virtual thread, before its
 * 401 or 403 and outside the request slots: it holds up that client and nobody else. A client
 * may still open other connections meanwhile; the connection cap bounds that.
 */
final class AuthFailures {
    static final long FIRST_DELAY_MILLIS = 250;
    static final long MAX_DELAY_SECONDS = 4;
    static final long FORGET_AFTER_MINUTES = 10;
    static final int MAX_SOURCES = 256;

    /** How a delay is spent; {@code Thread::sleep} in service, a recorder in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration delay) throws InterruptedException;
    }

    private record Record(int failures, Instant last) {
    }

    private final Clock clock;
    private final Pause pause;
    private final Consumer<String> audit;
    private final Map<String, Record> bySource = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    AuthFailures(Clock clock, Pause pause, Consumer<String> audit) {
        this.clock = clock;
        this.pause = pause;
        this.audit = audit;
    }

    /** In service: audit lines to the log at WARN, delays slept. */
    static AuthFailures inService(Clock clock) {
        return new AuthFailures(clock, delay -> Thread.sleep(delay.toMillis()), line -> Logger.warn("{}", line));
    }

    /** Audits the refusal, then waits this source's delay. {@code why} must not hold the token. */
    void refused(HttpExchange exchange, String requestId, String why) throws InterruptedException {
        String source = source(exchange);
        audit.accept("API authentication refused: " + why + "; from " + source + ", " + exchange.getRequestMethod()
                + " " + exchange.getRequestURI().getRawPath() + ", request id " + requestId);
        Duration delay = penalty(source);
        if (!delay.isZero()) {
            pause.sleep(delay);
        }
    }

    /** A request from this source passed: its earlier failures no longer count. */
    void succeeded(HttpExchange exchange) {
        String source = source(exchange);
        synchronized (bySource) {
            bySource.remove(source);
        }
    }

    /** Counts one more failure from {@code source} and gives the delay it earns. */
    Duration penalty(String source) {
        Instant now = clock.instant();
        int failures;
        synchronized (bySource) {
            Record before = bySource.get(source);
            boolean fresh = before == null
                    || Duration.between(before.last(), now).compareTo(Duration.ofMinutes(FORGET_AFTER_MINUTES)) > 0;
            failures = fresh ? 1 : before.failures() + 1;
            bySource.put(source, new Record(failures, now));
        }
        if (failures == 1) {
            return Duration.ZERO;
        }
        long millis = FIRST_DELAY_MILLIS << Math.min(failures - 2, 20);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY_SECONDS * 1000));
    }

    int sources() {
        synchronized (bySource) {
            return bySource.size();
        }
    }

    private static String source(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
