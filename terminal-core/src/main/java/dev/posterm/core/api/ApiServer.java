package dev.posterm.core.api;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.posterm.core.engine.Checkout;
import dev.posterm.core.status.TerminalStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The local HTTP API of {@code specs/ecr-api.md} (docs/api.md has every call), on the JDK's own
 * HTTP server: HTTPS when a certificate and a key are configured, plain HTTP otherwise. The only
 * class of the terminal that knows HTTP; everything it does goes through {@link Checkout}.
 *
 * <p>Each connection is read on a virtual thread of its own, so a client that sends its request
 * slowly (or never) ties up nothing but its connection, which the JDK's server closes after
 * {@link JdkServerLimits#REQUEST_SECONDS}; at most {@link JdkServerLimits#MAX_CONNECTIONS} are open
 * at once. Past authentication, at most {@code threads} requests are inside the engine at once (a
 * long poll holds its slot while it waits); event streams hold no slot and are capped apart.
 */
public final class ApiServer implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    static {
        // Before the first HttpServer.create of the JVM: the JDK reads these once.
        JdkServerLimits.apply();
    }

    private final InetSocketAddress listen;
    private final Optional<Path> certificate;
    private final Optional<Path> privateKey;
    private final EventStream events;
    private final java.util.function.Function<Optional<dev.posterm.core.bundle.ConfigDesk>, Router> routerWith;
    private Router router;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param host             address to listen on ({@code api.listen}; normally 127.0.0.1)
     * @param port             port, 0 for any free one (see {@link #address()})
     * @param cashierToken     bearer token of the cash register
     * @param backofficeToken  bearer token of the back office; must differ from the cashier's
     * @param currency         the terminal's ISO 4217 alphabetic currency; orders in another are refused
     * @param certificate      PEM certificate chain, to serve HTTPS; given together with {@code privateKey}
     * @param privateKey       PEM PKCS#8 private key of the certificate
     * @param status           what {@code GET /status} shows, built afresh on each call
     * @param threads          requests served at once past authentication (long polls included), at least 1
     */
    public ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
                     Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout,
                     Supplier<TerminalStatus> status, Clock clock, int threads) {
        this(host, port, cashierToken, backofficeToken, currency, certificate, privateKey, checkout, status, clock,
                threads, Optional.empty());
    }

    /** As above, with what {@code GET /metrics} serves (without it, the call answers 501). */
    public ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
                     Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout,
                     Supplier<TerminalStatus> status, Clock clock, int threads, Optional<MetricsPage> metrics) {
        this(host, port, cashierToken, backofficeToken, currency, certificate, privateKey, checkout, status, clock,
                threads, HEARTBEAT, AuthFailures.inService(clock), metrics);
    }

    /** As above, with the batch desk behind {@code /batches} (without it those calls answer 501). */
    public ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
                     Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout,
                     Supplier<TerminalStatus> status, Clock clock, int threads, Optional<MetricsPage> metrics,
                     dev.posterm.core.batch.Batches batches) {
        this(host, port, cashierToken, backofficeToken, currency, certificate, privateKey, checkout, status, clock,
                threads, HEARTBEAT, AuthFailures.inService(clock), metrics, new BackOffice(batches, Optional.empty()));
    }

    /** As above, with the whole back office: batches, settlement files (and what they need). */
    public ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
                     Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout,
                     Supplier<TerminalStatus> status, Clock clock, int threads, Optional<MetricsPage> metrics,
                     BackOffice office) {
        this(host, port, cashierToken, backofficeToken, currency, certificate, privateKey, checkout, status, clock,
                threads, HEARTBEAT, AuthFailures.inService(clock), metrics, office);
    }

    /**
     * As the public constructor, with the event stream's heartbeat interval (tests shorten it) and
     * how refused authentication is audited and slowed (tests record it).
     */
    ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
              Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout, Supplier<TerminalStatus> status,
              Clock clock, int threads, Duration heartbeat, AuthFailures authFailures) {
        this(host, port, cashierToken, backofficeToken, currency, certificate, privateKey, checkout, status, clock,
                threads, heartbeat, authFailures, Optional.empty());
    }

    ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
              Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout, Supplier<TerminalStatus> status,
              Clock clock, int threads, Duration heartbeat, AuthFailures authFailures, Optional<MetricsPage> metrics) {
        this(host, port, cashierToken, backofficeToken, currency, certificate, privateKey, checkout, status, clock,
                threads, heartbeat, authFailures, metrics, null);
    }

    private ApiServer(String host, int port, String cashierToken, String backofficeToken, String currency,
              Optional<Path> certificate, Optional<Path> privateKey, Checkout checkout, Supplier<TerminalStatus> status,
              Clock clock, int threads, Duration heartbeat, AuthFailures authFailures, Optional<MetricsPage> metrics,
              BackOffice office) {
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(status, "status");
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("API TLS needs both a certificate and a private key, or neither");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("API threads must be at least 1, not " + threads);
        }
        if (!currency.matches("[A-Z]{3}") || Currency.getAvailableCurrencies().stream()
                .noneMatch(known -> known.getCurrencyCode().equals(currency))) {
            throw new IllegalArgumentException("the terminal's currency must be an ISO 4217 alphabetic code, not " + currency);
        }
        this.listen = new InetSocketAddress(host, port);
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.events = new EventStream(checkout, heartbeat);
        this.routerWith = desk -> new Router(new BearerTokens(cashierToken, backofficeToken),
                Routes.table(checkout, status, clock, new RequestBodies(currency), events, metrics, office, desk), clock,
                threads, authFailures, checkout.supportContact());
        this.router = routerWith.apply(Optional.empty());
    }

    /** With {@code /config} served by {@code desk} (signed bundles); before {@link #start()}. */
    public synchronized ApiServer withConfigDesk(dev.posterm.core.bundle.ConfigDesk desk) {
        if (server != null) {
            throw new IllegalStateException("the API server is already started");
        }
        router = routerWith.apply(Optional.of(desk));
        return this;
    }

    /** Binds and starts serving; a TLS file that cannot be used fails here, naming the file. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the API server is already started");
        }
        HttpServer created;
        if (certificate.isPresent()) {
            HttpsServer https = HttpsServer.create(listen, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(TlsContext.fromPem(certificate.get(), privateKey.get())));
            created = https;
        } else {
            created = HttpServer.create(listen, 0);
        }
        // A thread per connection, and a virtual one: reading a dribbled request costs no pool thread.
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-", 1).factory());
        created.createContext("/", router);
        created.setExecutor(executor);
        created.start();
        server = created;
        InetSocketAddress bound = created.getAddress();
        Logger.info("Local API listening on {}://{}:{}", certificate.isPresent() ? "https" : "http",
                bound.getHostString(), bound.getPort());
        JdkServerLimits.log();
    }

    /** The bound address, with the real port when 0 was asked for. */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the API server is not started");
        }
        return server.getAddress();
    }

    /**
     * Ends the event streams, gives requests in flight one second to finish, then stops; a long
     * poll still waiting is interrupted. Stopping a stopped server does nothing.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        events.closeAll();
        server.stop(1);
        executor.shutdownNow();
        server = null;
        Logger.info("Local API stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
