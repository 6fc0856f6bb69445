package dev.posterm.core.api;

import static dev.posterm.core.api.TestApi.body;
import static dev.posterm.core.api.TestApi.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.errors.ErrorCode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrdersAndPaymentsTest {
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static final String ORDER = """
            {"orderId":"A-1","amount":1250,"currency":"CNY","description":"2 coffees","payWithinSeconds":300}""";

    @Test
    void createsAnOrderAndReadsItBack() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/orders", ORDER);

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("application/json", created.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(created.headers().firstValue("X-Request-Id").isPresent());
        assertEquals("/api/v1/orders/A-1", created.headers().firstValue("Location").orElseThrow());
        JsonNode order = body(created);
        assertEquals("A-1", order.get("orderId").asText());
        assertEquals(1250, order.get("amount").asLong());
        assertTrue(order.get("amount").isIntegralNumber());
        assertEquals("CNY", order.get("currency").asText());
        assertEquals("2 coffees", order.get("description").asText());
        assertEquals("UNPAID", order.get("state").asText());
        assertEquals("2025-03-01T08:15:30.120Z", order.get("createdAt").asText());
        assertEquals("2025-03-01T08:20:30.120Z", order.get("payBy").asText());
        assertTrue(order.get("payments").isArray());

        HttpResponse<String> read = api.get("/api/v1/orders/A-1");
        assertEquals(200, read.statusCode());
        assertEquals(order, body(read));
    }

    @Test
    void anOrderWithoutOptionalsOmitsThemRatherThanWritingNull() throws Exception {
        JsonNode order = body(api.post("/api/v1/orders", "{\"amount\":500,\"currency\":\"CNY\"}"));

        assertFalse(order.has("description"));
        assertFalse(order.toString().contains("null"), order.toString());
        assertEquals(List.of("createOrder - 500 CNY"), api.checkout.calls);
    }

    @Test
    void theSameOrderTwiceIsIdempotentAndDifferentDetailsConflict() throws Exception {
        assertEquals(201, api.post("/api/v1/orders", ORDER).statusCode());

        HttpResponse<String> again = api.post("/api/v1/orders", ORDER);
        assertEquals(201, again.statusCode(), "a retry is answered as the first call was");
        assertEquals("A-1", body(again).get("orderId").asText());

        HttpResponse<String> different = api.post("/api/v1/orders", ORDER.replace("1250", "1300"));
        JsonNode problem = problem(different, 409, "ORDER_CONFLICT");
        assertTrue(problem.get("detail").asText().contains("A-1"));
        assertEquals(ErrorCode.ORDER_CONFLICT.chinese(), problem.get("message").get("zh-CN").asText());
    }

    @Test
    void unknownOrderAndPaymentAre404WithTheirCodes() throws Exception {
        problem(api.get("/api/v1/orders/NOPE"), 404, "ORDER_NOT_FOUND");
        problem(api.get("/api/v1/payments/NOPE"), 404, "PAYMENT_NOT_FOUND");
        problem(api.post("/api/v1/orders/NOPE/payments", "{\"method\":\"CARD\"}"), 404, "ORDER_NOT_FOUND");
    }

    @Test
    void cancelsAnUnpaidOrderOnceAndRefusesTheSecondTime() throws Exception {
        api.post("/api/v1/orders", ORDER);

        HttpResponse<String> cancelled = api.post("/api/v1/orders/A-1/cancel", null);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("CANCELLED", body(cancelled).get("state").asText());

        problem(api.post("/api/v1/orders/A-1/cancel", "{}"), 409, "ORDER_NOT_CANCELLABLE");
    }

    @Test
    void startsAPaymentWith202AndPassesTheIdempotencyKey() throws Exception {
        api.post("/api/v1/orders", ORDER);

        HttpResponse<String> started = api.send(api.request("POST", "/api/v1/orders/A-1/payments", TestApi.CASHIER,
                "{\"method\":\"CARD\"}").header("Idempotency-Key", "till3-0042"));

        assertEquals(202, started.statusCode(), started.body());
        JsonNode payment = body(started);
        assertEquals("PENDING", payment.get("state").asText());
        assertEquals("A-1", payment.get("orderId").asText());
        assertEquals("CARD", payment.get("method").asText());
        assertEquals(1250, payment.get("amount").asLong());
        assertEquals("CNY", payment.get("currency").asText());
        assertFalse(payment.has("completedAt"));
        assertFalse(payment.has("errorCode"));
        assertEquals("/api/v1/payments/" + payment.get("paymentId").asText(),
                started.headers().firstValue("Location").orElseThrow());
        assertTrue(api.checkout.calls.contains("startPayment A-1 CARD key=till3-0042"), api.checkout.calls.toString());
    }

    @Test
    void aLongPollAnswersAsSoonAsThePaymentIsApproved() throws Exception {
        api.post("/api/v1/orders", ORDER);
        String paymentId = body(api.post("/api/v1/orders/A-1/payments", "{\"method\":\"CARD\"}")).get("paymentId").asText();

        CompletableFuture<HttpResponse<String>> poll = api.client.sendAsync(
                api.request("GET", "/api/v1/payments/" + paymentId + "?waitSeconds=60", TestApi.CASHIER, null)
                        .timeout(java.time.Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(api.checkout.awaiting.await(5, TimeUnit.SECONDS), "the long poll never reached the engine");
        assertFalse(poll.isDone());
        api.checkout.approve(paymentId);

        HttpResponse<String> answered = poll.get(5, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode());
        JsonNode payment = body(answered);
        assertEquals("APPROVED", payment.get("state").asText());
        assertEquals("123456", payment.get("authCode").asText());
        assertEquals("************1234", payment.get("maskedPan").asText());
        assertEquals("2025-03-01T08:15:30.120Z", payment.get("completedAt").asText());
        assertTrue(api.checkout.calls.contains("awaitPayment " + paymentId + " 60"));
    }

    @Test
    void aDeclinedPaymentCarriesItsCodeAndBothMessages() throws Exception {
        api.post("/api/v1/orders", ORDER);
        String paymentId = body(api.post("/api/v1/orders/A-1/payments", "{\"method\":\"CARD\"}")).get("paymentId").asText();
        api.checkout.decline(paymentId, ErrorCode.HOST_DECLINED);

        JsonNode payment = body(api.get("/api/v1/payments/" + paymentId));

        assertEquals("DECLINED", payment.get("state").asText());
        assertEquals("05", payment.get("responseCode").asText());
        assertEquals("HOST_DECLINED", payment.get("errorCode").asText());
        assertEquals(ErrorCode.HOST_DECLINED.english(), payment.get("message").get("en").asText());
        assertEquals(ErrorCode.HOST_DECLINED.chinese(), payment.get("message").get("zh-CN").asText());
        assertTrue(api.checkout.calls.contains("payment " + paymentId), "no wait asked: read at once");
    }

    @Test
    void waitSecondsThatIsNotAWholeNumberIsRefusedBeforeTheEngine() throws Exception {
        for (String wait : List.of("-1", "abc", "1.5", "")) {
            JsonNode p = problem(api.get("/api/v1/payments/P-1?waitSeconds=" + wait), 400, "BAD_REQUEST");
            assertTrue(p.get("detail").asText().contains("waitSeconds"), p.toString());
        }
        problem(api.get("/api/v1/payments/P-1?wait=5"), 400, "BAD_REQUEST");
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aReceiptCopyIsAcceptedForAFinishedPayment() throws Exception {
        api.post("/api/v1/orders", ORDER);
        String paymentId = body(api.post("/api/v1/orders/A-1/payments", "{\"method\":\"CARD\"}")).get("paymentId").asText();
        problem(api.send("POST", "/api/v1/payments/" + paymentId + "/receipt", TestApi.CASHIER, null), 409,
                "NO_RECEIPT_TO_COPY");
        api.checkout.approve(paymentId);

        HttpResponse<String> copy = api.send("POST", "/api/v1/payments/" + paymentId + "/receipt", TestApi.CASHIER, null);

        assertEquals(202, copy.statusCode(), copy.body());
        assertEquals(paymentId, body(copy).get("paymentId").asText());
        problem(api.send("POST", "/api/v1/payments/P-404/receipt", TestApi.CASHIER, null), 404, "PAYMENT_NOT_FOUND");
        problem(api.send("POST", "/api/v1/payments/" + paymentId + "/receipt", TestApi.BACKOFFICE, null), 403,
                "FORBIDDEN");
    }

    @Test
    void waitSecondsAboveSixtyWaitsSixty() throws Exception {
        api.get("/api/v1/payments/P-1?waitSeconds=3600");
        assertTrue(api.checkout.calls.contains("awaitPayment P-1 60"),
                api.checkout.calls.toString());
    }

    @Test
    void statusServesBothRoles() throws Exception {
        for (String token : List.of(TestApi.CASHIER, TestApi.BACKOFFICE)) {
            HttpResponse<String> response = api.send("GET", "/api/v1/status", token, null);
            assertEquals(200, response.statusCode());
            JsonNode status = body(response);
            assertEquals("T0000001", status.get("terminalId").asText());
            assertEquals("ONLINE", status.get("link").get("state").asText());
            assertEquals(-71, status.get("link").get("modem").get("signalDbm").asInt());
            assertEquals("打印纸即将用完。", status.get("alerts").get(0).get("message").get("zh-CN").asText());
            assertEquals(2500, status.get("openBatch").get("saleAmount").asLong());
            assertFalse(status.get("storeAndForward").has("oldest"));
        }
    }

    @Test
    void anEngineFaultIs500WithTheRequestIdAndNoDetailOfTheFault() throws Exception {
        api.checkout.failNext = new IllegalStateException("journal locked");

        HttpResponse<String> response = api.post("/api/v1/orders", ORDER);

        JsonNode p = problem(response, 500, "INTERNAL_ERROR");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(p.get("detail").asText().contains(requestId));
        assertFalse(p.get("detail").asText().contains("journal"));
    }

    @Test
    void aCallersRequestIdIsEchoed() throws Exception {
        HttpResponse<String> response = api.send(api.request("GET", "/api/v1/status", TestApi.CASHIER, null)
                .header("X-Request-Id", "till3-req-77"));
        assertEquals("till3-req-77", response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
