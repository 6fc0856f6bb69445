package dev.posterm.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.events.TerminalEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi(java.time.Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<InputStream> open(String token) throws Exception {
        return api.client.send(api.request("GET", "/api/v1/events", token, null).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads lines up to the next blank one: one SSE frame. */
    private static String frame(BufferedReader reader) throws Exception {
        StringBuilder frame = new StringBuilder();
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            frame.append(line).append('\n');
        }
        return frame.toString();
    }

    /**
     * The next frame that is an event, skipping heartbeats and the retry advice. Heartbeats come every
     * 100 ms here, so a stream that never brings the event is noticed at the deadline.
     */
    private static String nextEvent(BufferedReader reader) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String frame = frame(reader);
        while (frame.startsWith(":") || frame.startsWith("retry")) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no event within 5 s, only heartbeats; last frame: " + frame);
            }
            frame = frame(reader);
        }
        return frame;
    }

    @Test
    void deliversAPaymentEventAndHeartbeats() throws Exception {
        api.post("/api/v1/orders", "{\"orderId\":\"A-1\",\"amount\":1250,\"currency\":\"CNY\"}");
        String paymentId = TestApi.body(api.post("/api/v1/orders/A-1/payments", "{\"method\":\"CARD\"}"))
                .get("paymentId").asText();
        HttpResponse<InputStream> stream = open(TestApi.CASHIER);
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", stream.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(api.checkout.subscribed.await(5, TimeUnit.SECONDS));

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("retry: 3000\n", frame(reader));
            assertEquals(": heartbeat\n", frame(reader));
            api.checkout.approve(paymentId);
            String frame = nextEvent(reader);
            assertTrue(frame.startsWith("event: payment\ndata: {"), frame);
            JsonNode payment = TestApi.JSON.readTree(frame.substring(frame.indexOf("data: ") + 6));
            assertEquals(paymentId, payment.get("paymentId").asText());
            assertEquals("APPROVED", payment.get("state").asText());
        }
    }

    @Test
    void alertsCarryBothLanguagesAndTheBackofficeMayListen() throws Exception {
        HttpResponse<InputStream> stream = open(TestApi.BACKOFFICE);
        assertEquals(200, stream.statusCode());
        assertTrue(api.checkout.subscribed.await(5, TimeUnit.SECONDS));

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            api.checkout.publish(new TerminalEvent.AlertRaised(Instant.parse("2025-03-01T08:00:00Z"),
                    "PAPER_OUT", "Printer out of paper.", "打印机缺纸。"));
            String frame = nextEvent(reader);
            assertTrue(frame.startsWith("event: alert\n"), frame);
            JsonNode alert = TestApi.JSON.readTree(frame.substring(frame.indexOf("data: ") + 6));
            assertEquals("PAPER_OUT", alert.get("code").asText());
            assertEquals("RAISED", alert.get("state").asText());
            assertEquals("打印机缺纸。", alert.get("message").get("zh-CN").asText());
            assertEquals("2025-03-01T08:00:00Z", alert.get("at").asText());
        }
    }

    @Test
    void theStoreAndForwardQueueCountsDownToExpiryOnTheStream() throws Exception {
        HttpResponse<InputStream> stream = open(TestApi.BACKOFFICE);
        assertTrue(api.checkout.subscribed.await(5, TimeUnit.SECONDS));

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            Instant now = Instant.parse("2026-11-22T08:00:00Z");
            api.checkout.publish(new TerminalEvent.QueueChanged(now, 3, 7300,
                    java.util.Optional.of(Instant.parse("2026-11-19T20:00:00Z")),
                    java.util.Optional.of(Instant.parse("2026-11-22T20:00:00Z"))));
            String frame = nextEvent(reader);
            assertTrue(frame.startsWith("event: saf\n"), frame);
            JsonNode queue = TestApi.JSON.readTree(frame.substring(frame.indexOf("data: ") + 6));
            assertEquals(3, queue.get("count").asInt());
            assertEquals(7300, queue.get("amount").asLong());
            assertEquals("2026-11-22T20:00:00Z", queue.get("oldestExpiresAt").asText());
            assertEquals(12 * 3600, queue.get("secondsToExpiry").asLong(), "twelve hours left at the event's time");
        }
    }

    @Test
    void closingTheStreamUnsubscribes() throws Exception {
        HttpResponse<InputStream> stream = open(TestApi.CASHIER);
        assertTrue(api.checkout.subscribed.await(5, TimeUnit.SECONDS));
        assertEquals(1, api.checkout.listeners.size());

        stream.body().close();

        assertTrue(api.checkout.unsubscribed.await(5, TimeUnit.SECONDS), "the stream's listener was never removed");
        assertEquals(0, api.checkout.listeners.size());
    }

    @Test
    void stoppingTheServerEndsTheStream() throws Exception {
        HttpResponse<InputStream> stream = open(TestApi.CASHIER);
        assertTrue(api.checkout.subscribed.await(5, TimeUnit.SECONDS));

        api.server.stop();

        assertTrue(api.checkout.unsubscribed.await(5, TimeUnit.SECONDS));
        stream.body().close();
    }

    @Test
    void noTokenNoStream() throws Exception {
        HttpResponse<String> response = api.send("GET", "/api/v1/events", null, null);
        TestApi.problem(response, 401, "UNAUTHORIZED");
        assertEquals(0, api.checkout.listeners.size());
    }

    @Test
    void streamsBeyondTheCapAre503WithRetryAfterAndAClosedStreamFreesItsSlot() throws Exception {
        java.util.List<HttpResponse<InputStream>> streams = new java.util.ArrayList<>();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> refused = null;
        try {
            for (int i = 0; i < EventStream.MAX_STREAMS; i++) {
                streams.add(open(TestApi.CASHIER));
                assertEquals(200, streams.get(i).statusCode());
            }

            // Asynchronous with a deadline: were the stream not refused, its body would never end.
            refused = api.client.sendAsync(api.request("GET", "/api/v1/events", TestApi.BACKOFFICE, null).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> answer = refused.get(5, TimeUnit.SECONDS);

            JsonNode problem = TestApi.problem(answer, 503, "API_BUSY");
            assertTrue(problem.get("detail").asText().contains("event streams"), problem.toString());
            assertEquals("3", answer.headers().firstValue("Retry-After").orElse(""));

            streams.remove(0).body().close();
            assertTrue(api.checkout.unsubscribed.await(5, TimeUnit.SECONDS), "the closed stream was never noticed");
            streams.add(open(TestApi.BACKOFFICE));
            assertEquals(200, streams.get(streams.size() - 1).statusCode());
        } finally {
            if (refused != null) {
                refused.cancel(true);
            }
            for (HttpResponse<InputStream> stream : streams) {
                stream.body().close();
            }
        }
    }
}
