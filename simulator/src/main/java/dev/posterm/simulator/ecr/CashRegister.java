package dev.posterm.simulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A cash register (ECR) as {@code shared/specs/ecr-api.md} describes it: it creates orders, starts
 * payments and waits for their outcome over the controller's local API. Written from the spec,
 * not from the controller's code, so the demo and the tests drive the API as a real register would.
 */
public final class CashRegister {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String token;

    /** @param base e.g. http://127.0.0.1:8780/api/v1 */
    public CashRegister(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** One answer of the API: status and JSON body. */
    public record Answer(int status, JsonNode body) {
        public String text(String field) {
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? "" : n.asText();
        }
    }

    public Answer createOrder(String orderId, long amount, String currency, String description) throws IOException {
        ObjectNode body = json.createObjectNode().put("orderId", orderId).put("amount", amount)
                .put("currency", currency).put("description", description);
        return send("POST", "/orders", Optional.of(body.toString()));
    }

    public Answer payByCard(String orderId) throws IOException {
        return send("POST", "/orders/" + orderId + "/payments",
                Optional.of(json.createObjectNode().put("method", "CARD").toString()));
    }

    /** {@code offlineBehavior}: PREFER_ONLINE (the default), REQUIRE_ONLINE or FORCE_OFFLINE. */
    public Answer payByCard(String orderId, String offlineBehavior) throws IOException {
        return send("POST", "/orders/" + orderId + "/payments", Optional.of(json.createObjectNode()
                .put("method", "CARD").put("offlineBehavior", offlineBehavior).toString()));
    }

    /** Waits up to {@code seconds} (the API's maximum is 60) for the payment to leave PENDING. */
    public Answer awaitPayment(String paymentId, int seconds) throws IOException {
        return send("GET", "/payments/" + paymentId + "?waitSeconds=" + seconds, Optional.empty());
    }

    /** {@code POST /payments/{id}/void}. */
    public Answer voidPayment(String paymentId) throws IOException {
        return send("POST", "/payments/" + paymentId + "/void", Optional.empty());
    }

    /** {@code POST /payments/{id}/refund {amount}}, with an Idempotency-Key when given. */
    public Answer refund(String paymentId, long amount, Optional<String> idempotencyKey) throws IOException {
        return send("POST", "/payments/" + paymentId + "/refund", Optional.of("{\"amount\":" + amount + "}"),
                idempotencyKey);
    }

    public Answer order(String orderId) throws IOException {
        return send("GET", "/orders/" + orderId, Optional.empty());
    }

    public Answer status() throws IOException {
        return send("GET", "/status", Optional.empty());
    }

    /** Sends any request; {@code path} is below the base. */
    public Answer send(String method, String path, Optional<String> body) throws IOException {
        return send(method, path, body, Optional.empty());
    }

    private Answer send(String method, String path, Optional<String> body, Optional<String> idempotencyKey)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(75))
                .header("Authorization", "Bearer " + token);
        idempotencyKey.ifPresent(k -> b.header("Idempotency-Key", k));
        if (body.isPresent()) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.get()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
            return new Answer(r.statusCode(), node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + method + " " + path, e);
        }
    }
}
