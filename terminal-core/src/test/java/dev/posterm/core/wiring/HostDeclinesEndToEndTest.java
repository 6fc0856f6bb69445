package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.errors.HostResponse;
import dev.posterm.simulator.reader.CardScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every host response code of host-link.md, sent by the acquirer simulator to the real controller:
 * each declined sale carries its own message in both languages on the API (a lost or stolen card as a
 * plain decline, its code not shown), with the support contact where the message says to call support.
 */
class HostDeclinesEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void eachHostDeclineCodeHasItsOwnMessage() throws Exception {
        try (Shop shop = new Shop(dir, "en")) {
            Shop.await(Duration.ofSeconds(10), "the reader link", shop.reader::connected);
            int n = 0;
            for (HostResponse r : HostResponse.values()) {
                if (r == HostResponse.APPROVED) {
                    continue;
                }
                shop.acquirer.respondWith(r.code());
                shop.reader.enqueue(CardScript.onlineChip());
                JsonNode p = shop.sell("decline-" + n++, 1250);
                assertEquals("DECLINED", p.path("state").asText(), r + ": " + p);
                var told = r.toCustomer().message().withSupport(Optional.of(Shop.SUPPORT));
                assertEquals(told.english(), p.path("message").path("en").asText(), r + ": " + p);
                assertEquals(told.chinese(), p.path("message").path("zh-CN").asText(), r + ": " + p);
                if (r.discreet()) {
                    assertFalse(p.has("responseCode"), r + ": the code is not shown: " + p);
                } else {
                    assertEquals(r.code(), p.path("responseCode").asText(), r + ": " + p);
                }
            }
        }
    }
}
