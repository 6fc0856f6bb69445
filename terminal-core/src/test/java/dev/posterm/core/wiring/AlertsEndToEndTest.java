package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.reader.CardScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts that come of a lasting condition, over the real controller and simulators: raised once
 * in status with a slip on the printer's line, cleared when the condition ends.
 */
class AlertsEndToEndTest {
    @TempDir
    Path dir;
    Shop shop;

    @BeforeEach
    void open() throws Exception {
        // Two offline sales held is 100 % of max_count, over the 80 % that raises SAF_NEAR_COUNT.
        shop = Shop.with(dir, """
                [offline]
                max_count = 2
                [saf]
                repeat_first_ms = 300
                repeat_max_ms = 1000
                """);
        Shop.await(Duration.ofSeconds(15), "the reader and the host link", () -> shop.reader.connected()
                && "ONLINE".equals(shop.status().path("link").path("state").asText()));
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private List<String> openAlerts() throws Exception {
        return StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .map(a -> a.path("code").asText()).toList();
    }

    @Test
    void storeAndForwardNearItsCountLimitRaisesOneAlertWithASlipAndClearsWhenForwarded() throws Exception {
        shop.acquirer.faultsOnly("0220", "0221");
        shop.acquirer.holdAnswers();   // the bank takes the advices but its answers do not come yet
        for (String order : List.of("near-1", "near-2")) {
            shop.reader.enqueue(CardScript.onlineChip());
            JsonNode sale = shop.sell(order, 1000, "FORCE_OFFLINE");
            assertEquals("APPROVED_OFFLINE", sale.path("state").asText(), sale.toString());
        }
        Shop.await(Duration.ofSeconds(20), "SAF_NEAR_COUNT open", () -> openAlerts().contains("SAF_NEAR_COUNT"));
        JsonNode alert = StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .filter(a -> a.path("code").asText().equals("SAF_NEAR_COUNT")).findFirst().orElseThrow();
        assertTrue(alert.path("detail").asText().contains("2 offline sales"), alert.toString());
        Shop.await(Duration.ofSeconds(20), "the alert slip printed", () -> shop.printer.slips().stream()
                .anyMatch(s -> s.contains("*** ALERT ***") && s.contains("SAF_NEAR_COUNT")));

        shop.acquirer.releaseHeldAnswers();
        Shop.await(Duration.ofSeconds(60), "the advices accepted and the alert cleared", () ->
                shop.status().path("storeAndForward").path("count").asInt() == 0
                        && !openAlerts().contains("SAF_NEAR_COUNT"));
        assertEquals(1, shop.printer.slips().stream().filter(s -> s.contains("SAF_NEAR_COUNT")).count(),
                "one slip: the alert was raised once");
    }
}
