package dev.posterm.core.api;

import static dev.posterm.core.api.TestApi.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.errors.ErrorCode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed request is a 400 whose detail names the culprit, and the engine never hears of it. */
class RequestValidationTest {
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("{\"amount\":1250,\"currency\":\"CNY\"", "not valid JSON"),
                Arguments.of("[1250]", "JSON object"),
                Arguments.of("", "empty"),
                Arguments.of("{\"amount\":1250,\"currency\":\"CNY\",\"tip\":100}", "'tip'"),
                Arguments.of("{\"amount\":\"1250\",\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":12.50,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":1250.0,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":1.25e3,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":true,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":-1250,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":0,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":99999999999999999999,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":1000000000000,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":null,\"currency\":\"CNY\"}", "'amount'"),
                Arguments.of("{\"amount\":1250}", "'currency'"),
                Arguments.of("{\"amount\":1250,\"currency\":\"XYZ\"}", "'currency'"),
                Arguments.of("{\"amount\":1250,\"currency\":\"cny\"}", "'currency'"),
                Arguments.of("{\"amount\":1250,\"currency\":156}", "'currency'"),
                Arguments.of("{\"amount\":1250,\"amount\":1300,\"currency\":\"CNY\"}", "'amount' is given more than once"),
                Arguments.of("{\"amount\":1250,\"currency\":\"CNY\"} {}", "not valid JSON"),
                Arguments.of("{\"orderId\":\"A 1\",\"amount\":1250,\"currency\":\"CNY\"}", "'orderId'"),
                Arguments.of("{\"orderId\":7,\"amount\":1250,\"currency\":\"CNY\"}", "'orderId'"),
                Arguments.of("{\"amount\":1250,\"currency\":\"CNY\",\"description\":\"" + "x".repeat(201) + "\"}",
                        "'description'"),
                Arguments.of("{\"amount\":1250,\"currency\":\"CNY\",\"payWithinSeconds\":0}", "'payWithinSeconds'"),
                Arguments.of("{\"amount\":1250,\"currency\":\"CNY\",\"payWithinSeconds\":\"300\"}", "'payWithinSeconds'"));
    }

    @ParameterizedTest
    @MethodSource("badOrders")
    void aBadOrderIsRefusedNamingTheField(String body, String named) throws Exception {
        JsonNode problem = problem(api.post("/api/v1/orders", body), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains(named), problem.get("detail").asText());
        assertEquals(ErrorCode.BAD_REQUEST.chinese(), problem.get("message").get("zh-CN").asText());
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void anOversizeBodyIsRefusedUnread() throws Exception {
        String big = "{\"amount\":1250,\"currency\":\"CNY\",\"description\":\"" + "x".repeat(20_000) + "\"}";

        JsonNode problem = problem(api.post("/api/v1/orders", big), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains("16384 bytes"), problem.toString());
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsRefused() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1")) {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/orders"))
                    .header("Authorization", "Bearer " + TestApi.CASHIER).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1250,\"currency\":\"CNY\"}")));
            JsonNode problem = problem(response, 400, "BAD_REQUEST");
            assertTrue(problem.get("detail").asText().contains("Content-Type"), problem.toString());
        }
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void jsonWithACharsetOfUtf8IsAccepted() throws Exception {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/orders"))
                .header("Authorization", "Bearer " + TestApi.CASHIER)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1250,\"currency\":\"CNY\",\"description\":\"咖啡\"}")));
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("咖啡", TestApi.body(response).get("description").asText());
    }

    @Test
    void anotherCurrencyThanTheTerminalsIs400() throws Exception {
        JsonNode problem = problem(api.post("/api/v1/orders", "{\"amount\":1250,\"currency\":\"EUR\"}"),
                400, "CURRENCY_MISMATCH");

        assertTrue(problem.get("detail").asText().contains("EUR"));
        assertEquals(List.of(), api.checkout.calls);
    }

    static Stream<Arguments> badPayments() {
        return Stream.of(
                Arguments.of("{}", "'method'"),
                Arguments.of("{\"method\":\"card\"}", "'method'"),
                Arguments.of("{\"method\":\"CHEQUE\"}", "'method'"),
                Arguments.of("{\"method\":1}", "'method'"),
                Arguments.of("{\"method\":\"CARD\",\"amount\":100}", "'amount'"),
                Arguments.of("{\"method\":\"CARD\",\"qrCode\":\"28xxxx\"}", "'qrCode'"),
                Arguments.of("{\"method\":\"QR\",\"qrCode\":\"\"}", "'qrCode'"),
                Arguments.of("{\"method\":\"CARD\",\"tendered\":2000}", "'tendered'"),
                Arguments.of("{\"method\":\"CASH\",\"tendered\":\"2000\"}", "'tendered'"),
                Arguments.of("{\"method\":\"CASH\",\"tendered\":0}", "'tendered'"));
    }

    @ParameterizedTest
    @MethodSource("badPayments")
    void aBadPaymentIsRefusedNamingTheField(String body, String named) throws Exception {
        JsonNode problem = problem(api.post("/api/v1/orders/A-1/payments", body), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains(named), problem.get("detail").asText());
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aBadIdempotencyKeyIsRefused() throws Exception {
        JsonNode problem = problem(api.send(api.request("POST", "/api/v1/orders/A-1/payments", TestApi.CASHIER,
                "{\"method\":\"CARD\"}").header("Idempotency-Key", "x".repeat(65))), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains("Idempotency-Key"));
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aCancelWithFieldsIsRefused() throws Exception {
        JsonNode problem = problem(api.post("/api/v1/orders/A-1/cancel", "{\"reason\":\"x\"}"), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains("'reason'"));
        assertEquals(List.of(), api.checkout.calls);
    }
}
