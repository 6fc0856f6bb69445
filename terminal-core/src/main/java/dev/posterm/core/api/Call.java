package dev.posterm.core.api;

import com.sun.net.httpserver.HttpExchange;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One authenticated request on its way through a handler: its path parameters, query and
 * body. The body is read at most {@link #MAX_BODY} bytes deep: a larger one is refused (400)
 * without reading it all, so a runaway client cannot fill the board's memory.
 */
final class Call {
    static final int MAX_BODY = 16 * 1024;

    private final HttpExchange exchange;
    private final String requestId;
    private final Role role;
    private final Map<String, String> pathParameters;

    Call(HttpExchange exchange, String requestId, Role role, Map<String, String> pathParameters) {
        this.exchange = exchange;
        this.requestId = requestId;
        this.role = role;
        this.pathParameters = Map.copyOf(pathParameters);
    }

    HttpExchange exchange() {
        return exchange;
    }

    String requestId() {
        return requestId;
    }

    Role role() {
        return role;
    }

    String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter " + name);
        }
        return value;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /** The query parameters; a parameter not in {@code allowed}, or given twice, is refused. */
    Map<String, String> query(String... allowed) throws Refused {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = PercentDecoding.query(eq < 0 ? pair : pair.substring(0, eq), "name of a query parameter");
            String value = eq < 0 ? "" : PercentDecoding.query(pair.substring(eq + 1), "query parameter '" + name + "'");
            if (!List.of(allowed).contains(name)) {
                throw new Refused(ErrorCode.BAD_REQUEST, "Unknown query parameter '" + name + "'; this call accepts "
                        + (allowed.length == 0 ? "none." : "only: " + String.join(", ", allowed) + "."));
            }
            if (query.put(name, value) != null) {
                throw new Refused(ErrorCode.BAD_REQUEST, "Query parameter '" + name + "' is given more than once.");
            }
        }
        return query;
    }

    /** The body as a JSON object: Content-Type must be application/json (UTF-8). */
    JsonFields jsonBody() throws Refused, IOException {
        requireJsonContentType();
        return Json.parseObject(body());
    }

    /**
     * For calls that take no body (the cancels): nothing, or an empty JSON object, which many
     * HTTP client libraries send by habit.
     */
    void requireNoBody() throws Refused, IOException {
        byte[] body = body();
        if (body.length == 0) {
            return;
        }
        requireJsonContentType();
        Json.parseObject(body).allowOnly(Set.of());
    }

    /** For calls whose body is optional: an empty body is an empty object. */
    JsonFields optionalJsonBody() throws Refused, IOException {
        byte[] body = body();
        if (body.length == 0) {
            return Json.parseObject("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        requireJsonContentType();
        return Json.parseObject(body);
    }

    private void requireJsonContentType() throws Refused {
        String type = header("Content-Type").orElse("");
        String[] parts = type.split(";");
        boolean json = parts[0].strip().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            json = !parameter.startsWith("charset=") || parameter.equals("charset=utf-8");
        }
        if (!json) {
            throw new Refused(ErrorCode.BAD_REQUEST, "Header 'Content-Type' must be application/json (UTF-8), not '"
                    + (type.length() <= 40 ? type : type.substring(0, 40) + "...") + "'.");
        }
    }

    private byte[] body() throws Refused, IOException {
        String declared = header("Content-Length").orElse("0").strip();
        if (declared.length() > 9 || (declared.matches("\\d+") && Integer.parseInt(declared) > MAX_BODY)) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static Refused tooLarge() {
        return new Refused(ErrorCode.BAD_REQUEST, "The request body is larger than " + MAX_BODY + " bytes.");
    }
}
