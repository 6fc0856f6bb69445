package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.cli.Posterm;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.reader.CardScript;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code posterm diagnostics export} after a shift of card sales with the test cards, on the real
 * {@code posterm run} process (so its rolling log files exist): the export is searched byte by byte
 * for every card's PAN, its first six digits, its track 2 and expiry, the API tokens and the wallet
 * key. Once with the controller running (its status from the API), once stopped (from the journal).
 */
class DiagnosticsExportTest {
    private static final String WALLET_KEY = "wallet-hmac-key-do-not-export-0001";
    private static final List<String> PANS = List.of(CardScript.VISA_PAN, CardScript.MASTERCARD_PAN,
            CardScript.UNIONPAY_PAN);

    @TempDir
    Path dir;

    @Test
    void theExportHoldsLogsStatusVersionsConfigSummaryAndSettlementNamesButNoCardDataAndNoSecret() throws Exception {
        Path stick = dir.resolve("stick");
        try (Shop shop = Shop.withoutController(dir)) {
            Files.writeString(shop.configFile, """
                    [wallet]
                    url = "http://127.0.0.1:1"
                    merchant_id = "WALLET-MERCHANT-1"
                    key = "%s"
                    """.formatted(WALLET_KEY), StandardOpenOption.APPEND);
            try (ControllerProcess posterm = ControllerProcess.start(shop.configFile, dir.resolve("posterm.out"))) {
                assertTrue(posterm.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"),
                        Shop.CASHIER, Duration.ofSeconds(60)), "not ready; see " + posterm.output());
                shop.reader.enqueue(CardScript.onlineChip());
                assertEquals("APPROVED", shop.sell("chip", 1250).path("state").asText());
                shop.reader.enqueue(CardScript.contactless());
                assertEquals("APPROVED", shop.sell("tap", 880).path("state").asText());
                shop.reader.enqueue(CardScript.magstripe());
                assertEquals("APPROVED", shop.sell("swipe", 4300).path("state").asText());
                shop.acquirer.down();
                shop.reader.enqueue(CardScript.onlineChip());
                assertEquals("APPROVED_OFFLINE", shop.sell("offline", 2000, "FORCE_OFFLINE").path("state").asText());

                assertEquals(0, export(stick, shop.configFile));
                posterm.stop(Duration.ofSeconds(20));
            }
            assertEquals(0, export(stick, shop.configFile));
        }

        List<Path> exports = folders(stick);
        assertEquals(2, exports.size(), exports.toString());
        Path running = exports.stream().filter(e -> Files.exists(e.resolve("status.json"))).findFirst().orElseThrow();
        Path stopped = exports.stream().filter(e -> Files.exists(e.resolve("status-from-journal.txt"))).findFirst()
                .orElseThrow();
        assertTrue(Files.readString(running.resolve("status.json")).contains("\"terminalId\""));
        assertTrue(Files.readString(stopped.resolve("status-from-journal.txt")).contains("store-and-forward: 1 waiting,"
                + " 2000 in minor units"), Files.readString(stopped.resolve("status-from-journal.txt")));
        for (Path e : exports) {
            String config = Files.readString(e.resolve("config.toml"));
            assertTrue(config.contains("cashier_token = \"***\"") && config.contains("backoffice_token = \"***\"")
                    && config.contains("key = \"***\""), config);
            assertTrue(config.contains("modem_power_key = 24"), "a pin is not a secret:\n" + config);
            String summary = Files.readString(e.resolve("journal-summary.txt"));
            assertTrue(summary.matches("(?s).*payments\\s+SALE CARD APPROVED\\s+3\\s+6430\\n.*"), summary);
            assertTrue(summary.matches("(?s).*payments\\s+SALE CARD APPROVED_OFFLINE\\s+1\\s+2000\\n.*"), summary);
            assertTrue(summary.matches("(?s).*advices\\s+PENDING\\s+1\\s+2000\\n.*"), summary);
            assertTrue(Files.readString(e.resolve("versions.txt")).contains("java: "));
            assertTrue(Files.exists(e.resolve("settlements.txt")));
            assertTrue(Files.size(e.resolve("logs/posterm.log")) > 0, "the controller's log");
            assertFalse(Files.exists(e.resolve("journal.db")) || Files.exists(e.resolve("keys")));
        }

        List<String> forbidden = new ArrayList<>();
        for (String pan : PANS) {
            forbidden.add(pan);
            forbidden.add(pan.substring(0, 6));               // first six, as a "masked" 476173******0119 would hold
            forbidden.add(pan + "D");                         // track 2
        }
        forbidden.addAll(List.of("D3012", "=3012", "301231",  // expiry, in track 2 and as YYMMDD
                Shop.CASHIER, Shop.BACKOFFICE, WALLET_KEY));
        try (Stream<Path> files = Files.walk(stick)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String secret : forbidden) {
                    assertFalse(bytes.contains(secret), f + " holds " + secret.substring(0, 4) + "…");
                }
            }
        }
    }

    private static int export(Path stick, Path config) {
        return new CommandLine(new Posterm()).execute("diagnostics", "export", stick.toString(), "--config",
                config.toString());
    }

    private static List<Path> folders(Path stick) throws Exception {
        try (Stream<Path> s = Files.list(stick)) {
            return s.sorted().toList();
        }
    }
}
