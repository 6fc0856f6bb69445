package dev.posterm.core.api;

import com.sun.net.httpserver.HttpExchange;
import dev.posterm.core.errors.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an RFC 9457 problem:
 * <pre>
 * HTTP/1.1 409 Conflict
 * Content-Type: application/problem+json
 *
 * {"type":"urn:posterm:problem:ORDER_CONFLICT",
 *  "title":"An order with this id exists with different details.",
 *  "status":409,
 *  "detail":"Order 'A-1' exists with amount 1250 CNY; this request asks for 1300 CNY.",
 *  "instance":"/api/v1/orders",
 *  "errorCode":"ORDER_CONFLICT",
 *  "message":{"en":"An order with this id exists ...","zh-CN":"该订单号已存在且内容不同。"}}
 * </pre>
 * {@code type} is a URN per catalogue code rather than a URL, since the terminal serves no
 * documentation pages; {@code title} is the code's constant English text, {@code detail} the
 * precise reason for this request.
 */
final class ProblemWriter {
    static final String CONTENT_TYPE = "application/problem+json";
    /** Seconds a client is asked to wait after 503 API_BUSY; the event stream's own retry is 3 s too. */
    static final int RETRY_AFTER_SECONDS = 3;

    private ProblemWriter() {
    }

    /**
     * Writes the problem and its status; the caller closes the exchange. A catalogue code that
     * describes a payment outcome (HTTP 200) goes out as 409 when the engine refuses with it.
     */
    static int write(HttpExchange exchange, ErrorCode code, String detail) throws IOException {
        return write(exchange, code, detail, java.util.Optional.empty());
    }

    /** As above; a message that says to call support carries {@code supportContact}. */
    static int write(HttpExchange exchange, ErrorCode code, String detail, java.util.Optional<String> supportContact)
            throws IOException {
        return write(exchange, code, detail, supportContact, Map.of());
    }

    /** As above, with more members after the standard ones ({@code problems} of BUNDLE_INVALID). */
    static int write(HttpExchange exchange, ErrorCode code, String detail, java.util.Optional<String> supportContact,
                     Map<String, Object> members) throws IOException {
        int status = code.httpStatus() >= 400 ? code.httpStatus() : 409;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:posterm:problem:" + code.name());
        problem.put("title", code.english());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequestURI().getRawPath());
        problem.put("errorCode", code.name());
        problem.put("message", Views.message(code, supportContact));
        problem.putAll(members);
        byte[] body = Json.write(problem);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        if (code == ErrorCode.API_BUSY || code == ErrorCode.CONFIG_APPLYING) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }
}
