package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader and printer on serial device paths, as on the board: pseudo-terminals opened through
 * jSerialComm, bridged by socat to the simulators. scripts/test installs socat; a bare
 * {@code mvn verify} without it skips this class and says why.
 */
class SerialDeviceEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aChineseSaleOverSerialDevicesPrintsGb18030Slips() throws Exception {
        Assumptions.assumeTrue(PseudoTerminal.available(), "socat is not installed (scripts/test installs it)");
        try (Shop shop = new Shop(dir, "zh-CN", true)) {
            Shop.await(Duration.ofSeconds(10), "the reader on its tty", shop.reader::connected);
            shop.reader.enqueue(CardScript.onlineChip());

            JsonNode payment = shop.sell("tty-1", 1250);

            assertEquals("APPROVED", payment.path("state").asText(), payment.toString());
            List<Slip> slips = shop.printer.awaitSlips(2, Duration.ofSeconds(10));
            assertEquals(2, slips.size());
            assertTrue(slips.get(0).contains("商户存根"), slips.get(0).text());
            assertTrue(slips.get(1).contains("持卡人存根"), slips.get(1).text());
            assertTrue(slips.get(1).contains("交易成功"), slips.get(1).text());
            assertTrue(slips.get(1).contains("CNY 12.50"), slips.get(1).text());
        }
    }
}
