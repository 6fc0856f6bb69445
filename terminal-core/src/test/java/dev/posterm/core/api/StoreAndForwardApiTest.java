package dev.posterm.core.api;

import static dev.posterm.core.api.TestApi.body;
import static dev.posterm.core.api.TestApi.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.payment.SafItem;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreAndForwardApiTest {
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
        Instant sold = Instant.parse("2026-11-22T08:00:00Z");
        api.checkout.saf = List.of(new SafItem("pay-1", "000007", 3500, "CNY", "************0119", "PENDING", sold,
                Optional.of(sold.plusSeconds(72 * 3600)), 1, Optional.empty()),
                new SafItem("pay-2", "000008", 1800, "CNY", "************0434", "UNREADABLE", sold, Optional.empty(), 0,
                        Optional.empty(), Optional.of("sealed card data for payment pay-2 does not open")));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void bothRolesReadTheQueueItemByItemMasked() throws Exception {
        for (String token : List.of(TestApi.CASHIER, TestApi.BACKOFFICE)) {
            HttpResponse<String> r = api.send("GET", "/api/v1/saf", token, null);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode item = body(r).get("items").get(0);
            assertEquals("000007", item.get("stan").asText());
            assertEquals(3500, item.get("amount").asLong());
            assertEquals("PENDING", item.get("state").asText());
            assertEquals("2026-11-25T08:00:00Z", item.get("expiresAt").asText());
            assertEquals("************0119", item.get("maskedPan").asText());
            assertFalse(item.has("responseCode"), "absent values are left out");
            JsonNode aside = body(r).get("items").get(1);
            assertEquals("UNREADABLE", aside.get("state").asText());
            assertEquals(1800, aside.get("amount").asLong());
            assertTrue(aside.get("setAsideReason").asText().contains("does not open"), aside.toString());
        }
    }

    @Test
    void onlyTheBackOfficeForcesAForward() throws Exception {
        problem(api.send("POST", "/api/v1/saf/forward", TestApi.CASHIER, null), 403, "FORBIDDEN");
        assertEquals(0, api.checkout.forwards);

        HttpResponse<String> r = api.send("POST", "/api/v1/saf/forward", TestApi.BACKOFFICE, null);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, body(r).get("waiting").asInt());
        assertEquals(1, api.checkout.forwards);
    }
}
