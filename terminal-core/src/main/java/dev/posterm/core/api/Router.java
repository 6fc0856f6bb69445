package dev.posterm.core.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * Every request's way through the API, in this order:
 * <ol>
 *   <li>{@code X-Request-Id} (the caller's when it is a plain token of up to 64 characters, else a
 *       new UUID) and {@code Cache-Control: no-store} on every response;</li>
 *   <li>the bearer token: missing or wrong, 401 with {@code WWW-Authenticate: Bearer} — before
 *       the path is even looked at, so a caller without a token learns nothing of the routes;
 *       audited and slowed down per address ({@link AuthFailures}), as a wrong role is;</li>
 *   <li>the route: unknown path 404, known path with another method 405 with {@code Allow};</li>
 *   <li>the role: 403;</li>
 *   <li>the handler; a {@link Refused} becomes a problem with its catalogue code, anything else a
 *       500 {@code INTERNAL_ERROR}, logged with the request id and without any body.</li>
 * </ol>
 */
final class Router implements HttpHandler {
    private static final Pattern CALLER_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final BearerTokens tokens;
    private final List<Route> routes;
    /** How long a request waits for a slot before it is answered 503 API_BUSY. */
    static final long SLOT_WAIT_SECONDS = 5;

    private final Clock clock;
    private final Semaphore slots;
    private final int slotCount;
    private final AuthFailures authFailures;

    /** terminal.support_contact, added to problem messages that say to call support. */
    private final Optional<String> supportContact;

    Router(BearerTokens tokens, List<Route> routes, Clock clock, int slots, AuthFailures authFailures) {
        this(tokens, routes, clock, slots, authFailures, Optional.empty());
    }

    Router(BearerTokens tokens, List<Route> routes, Clock clock, int slots, AuthFailures authFailures,
           Optional<String> supportContact) {
        this.supportContact = supportContact;
        this.authFailures = authFailures;
        this.tokens = tokens;
        this.routes = List.copyOf(routes);
        this.clock = clock;
        this.slots = new Semaphore(slots, true);
        this.slotCount = slots;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = clock.millis();
        String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Request-Id"))
                .filter(id -> CALLER_REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        int status = 0;
        boolean streamed = false;
        try {
            Reply reply = dispatch(exchange, requestId);
            streamed = reply instanceof Reply.Streamed;
            status = switch (reply) {
                case Reply.Streamed x -> 200;
                case Reply.Json json -> send(exchange, json);
                case Reply.Text text -> send(exchange, text);
            };
        } catch (Refused refused) {
            status = ProblemWriter.write(exchange, refused.code(), refused.detail(), supportContact, refused.members());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = ProblemWriter.write(exchange, ErrorCode.INTERNAL_ERROR, "The terminal is shutting down.");
        } catch (IOException e) {
            Logger.debug("{} {} {}: connection lost: {}", requestId, exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            // The exception, never the body: bodies may hold a QR payment code.
            Logger.error(e, "{} {} {} failed", requestId, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            status = internalError(exchange, requestId);
        } finally {
            if (!streamed) {
                exchange.close();
            }
            Logger.debug("{} {} {} -> {} in {} ms", requestId, exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), status, clock.millis() - started);
        }
    }

    private Reply dispatch(HttpExchange exchange, String requestId) throws Refused, InterruptedException, IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<Role> role = tokens.roleOf(authorization);
        if (role.isEmpty()) {
            authFailures.refused(exchange, requestId, authorization == null ? "no token"
                    : "a token that is not this terminal's (or not Bearer)");
            exchange.getResponseHeaders().set("WWW-Authenticate", authorization == null
                    ? "Bearer realm=\"posterm\"" : "Bearer realm=\"posterm\", error=\"invalid_token\"");
            throw new Refused(ErrorCode.UNAUTHORIZED, authorization == null
                    ? "Header 'Authorization: Bearer <token>' is missing."
                    : "Header 'Authorization' does not carry a valid bearer token.");
        }
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            if (!route.roles().contains(role.get())) {
                authFailures.refused(exchange, requestId, "the " + role.get() + " token may not call this");
                throw new Refused(ErrorCode.FORBIDDEN, "The " + role.get().name().toLowerCase(java.util.Locale.ROOT)
                        + " token may not call " + method + " " + Route.BASE + route.template() + ".");
            }
            authFailures.succeeded(exchange);
            return inSlot(route.handler(), new Call(exchange, requestId, role.get(), parameters.get()));
        }
        if (!allowed.isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            throw new Refused(ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed) + ".");
        }
        throw new Refused(ErrorCode.NOT_FOUND, "No API call at " + path + ".");
    }

    /**
     * Runs the handler in one of the {@code threads} slots: connections are read on virtual
     * threads without limit, but the engine sees no more requests at once than it did with a pool.
     */
    private Reply inSlot(Handler handler, Call call) throws Refused, InterruptedException, IOException {
        if (!slots.tryAcquire(SLOT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new Refused(ErrorCode.API_BUSY, "All " + slotCount + " request slots stayed busy for "
                    + SLOT_WAIT_SECONDS + " s (long polls hold one each); try again shortly.");
        }
        try {
            return handler.handle(call);
        } finally {
            slots.release();
        }
    }

    private static int send(HttpExchange exchange, Reply.Json reply) throws IOException {
        byte[] body = Json.write(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.location().ifPresent(location -> exchange.getResponseHeaders().set("Location", location));
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return reply.status();
    }

    private static int send(HttpExchange exchange, Reply.Text reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
        return reply.status();
    }

    private static int internalError(HttpExchange exchange, String requestId) {
        try {
            return ProblemWriter.write(exchange, ErrorCode.INTERNAL_ERROR,
                    "Unexpected error; the terminal's log has the details under request id " + requestId + ".");
        } catch (IOException | RuntimeException e) {
            return 500; // headers were already sent or the client left: nothing more to say
        }
    }
}
