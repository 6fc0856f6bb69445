package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/metrics} of the real controller, scraped over HTTP as a chain's Prometheus
 * would, while the counter sells on the simulators: what it shows must move with what the shop
 * does, and every scrape must be in the text format 0.0.4.
 */
class MetricsEndToEndTest {
    private static final Duration LINK_CHANGE = Duration.ofSeconds(25);
    private static final String APPROVED_CARD_SALES =
            "posterm_payments_total{method=\"CARD\",outcome=\"APPROVED\",type=\"SALE\"}";
    private static final String OFFLINE_CARD_SALES =
            "posterm_payments_total{method=\"CARD\",outcome=\"APPROVED_OFFLINE\",type=\"SALE\"}";

    @TempDir
    Path dir;
    Shop shop;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void open() throws Exception {
        shop = Shop.watchingTheLink(dir, "");
        Shop.await(Duration.ofSeconds(15), "the reader, the host link and the first echo", () ->
                shop.reader.connected() && shop.acquirer.ledger().count("0800") >= 1
                        && "ONLINE".equals(shop.status().path("link").path("state").asText()));
    }

    @AfterEach
    void close() {
        shop.close();
        http.close();
    }

    @Test
    void anOnlineSaleMovesThePaymentCounterAndTheHostRoundTrip() throws Exception {
        Map<String, Double> before = scrape();
        assertEquals(0.0, before.getOrDefault(APPROVED_CARD_SALES, 0.0));
        assertEquals(1.0, before.get("posterm_link_state{cause=\"NONE\",state=\"ONLINE\"}"), ours(before));

        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("noodles", 3500).path("state").asText());

        Map<String, Double> after = scrape();
        assertEquals(1.0, after.get(APPROVED_CARD_SALES), ours(after));
        assertEquals(1.0, after.get("posterm_payment_duration_seconds_count{method=\"CARD\"}"));
        assertEquals(1.0, after.get("posterm_host_round_trip_seconds_count"));
        assertEquals(1.0, after.get("posterm_host_requests_total{result=\"answered\"}"));
        assertTrue(after.get("posterm_journal_size_bytes") > 0, "the journal has a size");
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("posterm_build_info{version=")), "build info");
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{")), "the JVM's memory");
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("jvm_gc_collection_seconds_count{")), "the JVM's GC");
        for (String loop : java.util.List.of("reversals", "receipts", "store-and-forward", "link-monitor",
                "pay-by-timers", "saf-expiry", "alert-watch", "settlement-retention")) {
            assertEquals(0.0, after.get("posterm_loop_overdue_seconds{loop=\"" + loop + "\"}"), loop + " beats");
        }
    }

    @Test
    void anOfflineSaleShowsInTheStoreAndForwardGaugesAndEverySeriesTheFleetFilesUseIsThere() throws Exception {
        shop.acquirer.down();
        Shop.await(LINK_CHANGE, "the link OFFLINE", () ->
                "OFFLINE".equals(shop.status().path("link").path("state").asText()));
        Map<String, Double> offline = scrape();
        assertEquals(1.0, offline.get("posterm_link_state{cause=\"HOST_DOWN\",state=\"OFFLINE\"}"), ours(offline));
        assertEquals(0.0, offline.get("posterm_saf_advices"));

        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED_OFFLINE", shop.sell("dumplings", 1800).path("state").asText());

        Map<String, Double> queued = scrape();
        assertEquals(1.0, queued.get(OFFLINE_CARD_SALES), ours(queued));
        assertEquals(1.0, queued.get("posterm_saf_advices"));
        assertEquals(1800.0, queued.get("posterm_saf_amount"));
        assertTrue(queued.get("posterm_saf_oldest_age_seconds") >= 0);
        assertTrue(queued.get("posterm_saf_expiry_remaining_seconds") > 0, "the oldest has not expired");
        assertEquals(0.0, queued.get("posterm_reversals_stuck"));
        everySeriesTheAlertRulesAndTheDashboardUseIsIn(queued);
    }

    /** With a sale queued every series exists (the expiry countdown only while one waits). */
    private static void everySeriesTheAlertRulesAndTheDashboardUseIsIn(Map<String, Double> scrape) throws IOException {
        java.util.Set<String> exported = new java.util.TreeSet<>();
        scrape.keySet().forEach(key -> exported.add(key.replaceFirst("\\{.*", "")));
        for (Path file : java.util.List.of(FleetFiles.RULES, FleetFiles.DASHBOARD)) {
            for (String name : FleetFiles.namesIn(file)) {
                assertTrue(exported.contains(name), file + " uses " + name + ", which GET /metrics does not export");
            }
        }
    }

    @Test
    void theCashierTokenIsRefusedAndNoTokenIsUnauthorised() throws Exception {
        HttpResponse<String> cashier = get(Shop.CASHIER);
        assertEquals(403, cashier.statusCode(), cashier.body());
        assertTrue(cashier.body().contains("\"errorCode\":\"FORBIDDEN\""), cashier.body());
        assertEquals(401, get(null).statusCode());
    }

    @Test
    void theTextFormatIsWhatPromtoolAccepts() throws Exception {
        HttpResponse<String> page = get(Shop.BACKOFFICE);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        TextExposition.parse(page.body());
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed (Debian: prometheus): skipped");
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(page.body().getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        // Lint remarks (exit 3) are advice; a format error is exit 1.
        assertTrue(check.exitValue() == 0 || check.exitValue() == 3, said);
    }

    /** The terminal's own series, for a failure's message (the JVM's are many). */
    private static String ours(Map<String, Double> samples) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith("posterm_")).map(Object::toString)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> page = get(Shop.BACKOFFICE);
        assertEquals(200, page.statusCode(), page.body());
        return TextExposition.parse(page.body());
    }

    private HttpResponse<String> get(String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/metrics")).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
