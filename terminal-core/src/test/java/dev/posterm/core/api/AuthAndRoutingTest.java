package dev.posterm.core.api;

import static dev.posterm.core.api.TestApi.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthAndRoutingTest {
    private static final String ORDER = "{\"amount\":1250,\"currency\":\"CNY\"}";
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void noTokenIs401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = api.send("POST", "/api/v1/orders", null, ORDER);

        problem(response, 401, "UNAUTHORIZED");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aWrongTokenOrSchemeIs401() throws Exception {
        HttpResponse<String> wrong = api.send("GET", "/api/v1/status", "demo-cashier-tokeN", null);
        problem(wrong, 401, "UNAUTHORIZED");
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));

        HttpResponse<String> basic = api.send(HttpRequest.newBuilder(api.uri("/api/v1/status"))
                .header("Authorization", "Basic " + TestApi.CASHIER).GET());
        problem(basic, 401, "UNAUTHORIZED");
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void theBackofficeTokenMayNotTouchOrdersOrPayments() throws Exception {
        problem(api.send("POST", "/api/v1/orders", TestApi.BACKOFFICE, ORDER), 403, "FORBIDDEN");
        problem(api.send("GET", "/api/v1/orders/A-1", TestApi.BACKOFFICE, null), 403, "FORBIDDEN");
        problem(api.send("GET", "/api/v1/payments/P-1", TestApi.BACKOFFICE, null), 403, "FORBIDDEN");
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void theCashierTokenMayNotCloseBatchesOrReadSettlements() throws Exception {
        problem(api.send("POST", "/api/v1/batches/close", TestApi.CASHIER, null), 403, "FORBIDDEN");
        problem(api.send("GET", "/api/v1/settlements", TestApi.CASHIER, null), 403, "FORBIDDEN");
    }

    @Test
    void callsStillToComeAnswer501AfterTheRoleCheck() throws Exception {
        problem(api.send("POST", "/api/v1/batches/close", TestApi.BACKOFFICE, null), 501, "NOT_IMPLEMENTED");
        problem(api.send("GET", "/api/v1/settlements", TestApi.BACKOFFICE, null), 501, "NOT_IMPLEMENTED");
        problem(api.send("GET", "/api/v1/settlements/S-1.csv", TestApi.BACKOFFICE, null), 501, "NOT_IMPLEMENTED");
        problem(api.send("POST", "/api/v1/payments/P-1/void", TestApi.BACKOFFICE, null), 403, "FORBIDDEN");
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aRefundBodyIsCheckedBeforeTheEngineIsAsked() throws Exception {
        problem(api.send("POST", "/api/v1/payments/P-1/refund", TestApi.CASHIER, "{\"amount\":0}"), 400, "BAD_REQUEST");
        problem(api.send("POST", "/api/v1/payments/P-1/refund", TestApi.CASHIER, "{\"amount\":100,\"x\":1}"), 400,
                "BAD_REQUEST");
        problem(api.send("POST", "/api/v1/payments/P-1/refund", TestApi.CASHIER, "{}"), 400, "BAD_REQUEST");
        problem(api.send("POST", "/api/v1/payments/P-1/void", TestApi.CASHIER, "{\"x\":1}"), 400, "BAD_REQUEST");
        problem(api.send("POST", "/api/v1/payments/P-1/refund", TestApi.BACKOFFICE, "{\"amount\":1}"), 403, "FORBIDDEN");
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        problem(api.get("/api/v1/ordres"), 404, "NOT_FOUND");
        problem(api.get("/api/v2/orders/A-1"), 404, "NOT_FOUND");
        problem(api.get("/api/v1/orders/A-1/"), 404, "NOT_FOUND");
        problem(api.get("/"), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = api.send("DELETE", "/api/v1/orders/A-1", TestApi.CASHIER, null);
        problem(response, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());

        HttpResponse<String> getOrders = api.get("/api/v1/orders");
        problem(getOrders, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", getOrders.headers().firstValue("Allow").orElseThrow());
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void tokensMustBeTwoDifferentNonBlankValues() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BearerTokens("same", "same"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BearerTokens(" ", "other"));
    }
}
