package dev.posterm.core.api;

import static dev.posterm.core.api.TestApi.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A '%' escape that is not one, or bytes that are not UTF-8, in a path or a query: 400, never 500. */
class PercentEscapeTest {
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
    void aPathSegmentThatIsNotUtf8IsA400ProblemNamingIt() throws Exception {
        JsonNode problem = problem(api.get("/api/v1/orders/%C3%28"), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains("UTF-8"), problem.toString());
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void aQueryValueThatIsNotUtf8IsA400ProblemNamingTheParameter() throws Exception {
        JsonNode problem = problem(api.get("/api/v1/payments/P-1?waitSeconds=%FF"), 400, "BAD_REQUEST");

        assertTrue(problem.get("detail").asText().contains("UTF-8"), problem.toString());
        assertEquals(List.of(), api.checkout.calls);
    }

    /**
     * The JDK's server parses the request target as a {@link java.net.URI} before any handler runs and
     * answers a malformed escape itself: 400, plain text, connection closed. Not a problem+json (no
     * hook exists there), but never a 500 and nothing reaches the engine.
     */
    @Test
    void aMalformedEscapeOnTheWireIsRefusedBeforeAnyHandler() throws Exception {
        for (String target : List.of("/api/v1/orders/%zz", "/api/v1/payments/P-1?waitSeconds=%4")) {
            try (RawHttp raw = new RawHttp(api.server.address())) {
                String answer = raw.write(RawHttp.request("GET", target, TestApi.CASHIER)).readToClose();
                assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            }
        }
        assertEquals(List.of(), api.checkout.calls);
    }

    @Test
    void routesAndQueriesRefuseAMalformedEscapeThemselves() {
        Route route = new Route("GET", "/orders/{orderId}", Set.of(Role.CASHIER), call -> null);
        for (String bad : List.of("%zz", "%4", "%", "a%2", "%C3%28", "%FF")) {
            Refused refused = assertThrows(Refused.class, () -> route.match("/api/v1/orders/" + bad), bad);
            assertEquals(ErrorCode.BAD_REQUEST, refused.code());
            assertThrows(Refused.class, () -> PercentDecoding.query(bad, "waitSeconds"), bad);
        }
    }

    @Test
    void goodEscapesStillDecode() throws Exception {
        Route route = new Route("GET", "/orders/{orderId}", Set.of(Role.CASHIER), call -> null);
        assertEquals(Map.of("orderId", "A/1+é"), route.match("/api/v1/orders/A%2F1+%C3%A9").orElseThrow());
        assertEquals("a b+c", PercentDecoding.query("a+b%2Bc", "x"));
    }
}
