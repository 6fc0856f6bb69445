package dev.posterm.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The API server on a free loopback port with a {@link FakeCheckout}, and an HTTP client to call it. */
final class TestApi implements AutoCloseable {
    static final String CASHIER = "demo-cashier-token";
    static final String BACKOFFICE = "demo-backoffice-token";
    static final ObjectMapper JSON = new ObjectMapper();

    final Clock clock = Clock.fixed(Instant.parse("2025-03-01T08:15:30.120Z"), ZoneOffset.UTC);
    final FakeCheckout checkout = new FakeCheckout(clock);
    final ApiServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    TestApi() throws IOException {
        this(Duration.ofMillis(100));
    }

    TestApi(Duration heartbeat) throws IOException {
        this(heartbeat, new AuthFailures(Clock.systemUTC(), delay -> { }, line -> { }));
    }

    /** {@code failures}: how refused authentication is audited and slowed (tests do not really wait). */
    TestApi(Duration heartbeat, AuthFailures failures) throws IOException {
        server = new ApiServer("127.0.0.1", 0, CASHIER, BACKOFFICE, "CNY", Optional.empty(), Optional.empty(),
                checkout, checkout::status, clock, 4, heartbeat, failures);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    HttpRequest.Builder request(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(request(method, path, token, json));
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, CASHIER, json);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, CASHIER, null);
    }

    static JsonNode body(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Asserts a problem+json answer with its status and catalogue code, and returns it. */
    static JsonNode problem(HttpResponse<String> response, int status, String errorCode) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = body(response);
        assertEquals(errorCode, problem.path("errorCode").asText(), response.body());
        assertEquals(status, problem.path("status").asInt());
        assertEquals("urn:posterm:problem:" + errorCode, problem.path("type").asText());
        assertEquals(response.uri().getRawPath(), problem.path("instance").asText());
        assertTrue(problem.path("title").isTextual());
        assertTrue(problem.path("detail").isTextual());
        assertTrue(!problem.path("message").path("en").asText().isEmpty());
        assertTrue(!problem.path("message").path("zh-CN").asText().isEmpty());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        return problem;
    }

    @Override
    public void close() {
        server.stop();
        client.close();
    }
}
