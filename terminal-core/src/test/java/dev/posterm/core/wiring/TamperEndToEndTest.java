package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.core.cli.Posterm;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The case opened on a running terminal, over the real controller: the tamper input of the mock
 * GPIO provider flips as the case switch would. Checked as a technician and the bank would: the
 * key files on disk, the register's answers, the SAF list, the status page's alerts, a restart,
 * and the provisioning that brings it back.
 */
class TamperEndToEndTest {
    @TempDir
    Path dir;
    Shop shop;
    CashRegister backOffice;

    @BeforeEach
    void open() throws Exception {
        shop = Shop.with(dir, "");
        backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"), Shop.BACKOFFICE);
        Shop.await(Duration.ofSeconds(15), "the reader, the host link and the first echo", () ->
                shop.reader.connected() && shop.acquirer.ledger().count("0800") >= 1);
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void openingTheCaseDestroysTheKeysRefusesPaymentsAndReportsTheLostAdvicesUntilProvisioned() throws Exception {
        shop.acquirer.down();
        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode sold = shop.sell("noodles", 2000, "FORCE_OFFLINE");
        assertEquals("APPROVED_OFFLINE", sold.path("state").asText());
        String noodles = sold.path("paymentId").asText();
        assertEquals(201, shop.register.createOrder("tea", 1500, "CNY", "tea").status());
        shop.reader.enqueue(CardScript.onlineChip());
        CashRegister.Answer tea = payWithKey("tea", "tea-key-1");
        assertEquals(202, tea.status(), tea.body().toString());
        assertEquals("APPROVED_OFFLINE", shop.register.awaitPayment(tea.text("paymentId"), 30).text("state"));
        assertEquals(List.of("PENDING", "PENDING"), safStates());
        assertEquals(2, keyFiles().size(), "the card data and card hash keys");

        shop.gpio().simulate(Shop.TAMPER_PIN, true);   // the case is opened

        assertEquals(List.of(), keyFiles(), "every key file destroyed");
        assertRefusedAsTampered();
        assertEquals(List.of("LOST", "LOST"), safStates(), "set aside aloud, not dropped");
        assertTrue(alertDetail("TERMINAL_TAMPERED").contains("2 offline sales waiting for the bank lost, 3500 in minor"
                + " units"), alertDetail("TERMINAL_TAMPERED"));
        assertTrue(alertDetail("ADVICE_LOST").contains("2 offline sales, 3500 in minor units"),
                alertDetail("ADVICE_LOST"));

        for (CashRegister.Answer undo : List.of(shop.register.refund(noodles, 500, Optional.empty()),
                shop.register.voidPayment(noodles))) {   // no money moves back on a tampered terminal's word
            assertEquals(423, undo.status(), undo.body().toString());
            assertEquals("TERMINAL_TAMPERED", undo.text("errorCode"), undo.body().toString());
        }

        CashRegister.Answer repeated = payWithKey("tea", "tea-key-1");   // its first answer was lost, say
        assertEquals(tea.text("paymentId"), repeated.text("paymentId"), "a repeat still learns what became of it: "
                + repeated.body());

        shop.gpio().simulate(Shop.TAMPER_PIN, false);   // shut again: that changes nothing
        assertRefusedAsTampered();

        shop.stopController();
        shop.open();
        assertRefusedAsTampered();
        assertEquals(List.of(), keyFiles(), "a restart makes no key by itself");
        assertTrue(openAlerts().contains("TERMINAL_TAMPERED"), openAlerts().toString());

        shop.stopController();
        assertEquals(0, new CommandLine(new Posterm()).execute("provision", "--config", shop.configFile.toString()));
        shop.acquirer.up();
        shop.open();
        assertEquals(2, keyFiles().size(), "new keys from the provisioning");
        assertFalse(openAlerts().contains("TERMINAL_TAMPERED"), openAlerts().toString());
        assertTrue(openAlerts().contains("ADVICE_LOST"), "the lost sales are still the back office's to settle");
        assertEquals(List.of("LOST", "LOST"), safStates());
        Shop.await(Duration.ofSeconds(60), "the host link back", () ->
                "ONLINE".equals(shop.status().path("link").path("state").asText()));
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("after-provisioning", 1250).path("state").asText());
    }

    private void assertRefusedAsTampered() throws IOException {
        CashRegister.Answer refused = shop.register.createOrder("after-the-case-opened-" + System.nanoTime(), 990,
                "CNY", "refused");
        assertEquals(423, refused.status(), refused.body().toString());
        assertEquals("TERMINAL_TAMPERED", refused.text("errorCode"), refused.body().toString());
        assertTrue(refused.body().path("message").path("en").asText().contains("Call support. Support: "
                + Shop.SUPPORT), refused.body().toString());
        assertTrue(refused.body().path("message").path("zh-CN").asText().contains("请联系技术支持"),
                refused.body().toString());
    }

    /** A card payment with an Idempotency-Key, as a register that may repeat it sends it. */
    private CashRegister.Answer payWithKey(String orderId, String key) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/orders/"
                                + orderId + "/payments")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + Shop.CASHIER).header("Idempotency-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"method\":\"CARD\",\"offlineBehavior\":\"FORCE_OFFLINE\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new CashRegister.Answer(r.statusCode(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()));
    }

    private List<String> keyFiles() throws IOException {
        Path keys = shop.dataDir.resolve("keys");
        if (!Files.exists(keys)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(keys)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> safStates() throws IOException {
        CashRegister.Answer a = backOffice.send("GET", "/saf", Optional.empty());
        assertEquals(200, a.status(), a.body().toString());
        return StreamSupport.stream(a.body().path("items").spliterator(), false)
                .map(i -> i.path("state").asText()).toList();
    }

    private List<String> openAlerts() throws IOException {
        return StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .map(a -> a.path("code").asText()).toList();
    }

    private String alertDetail(String code) throws IOException {
        return StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .filter(a -> a.path("code").asText().equals(code)).findFirst()
                .map(a -> a.path("detail").asText()).orElse("(no " + code + " alert)");
    }
}
