package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import dev.posterm.simulator.scanner.ScannerSimulator;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merchant's day end to end, over the controller built from its config and the simulators (reader,
 * printer, acquirer keeping its own books, wallet gateway, scanner): online card sales, an offline
 * sale forwarded, a cash sale, a QR sale, a void and a partial refund; the X report; the close with the bank's totals equal to
 * the terminal's and the Z report on paper; the back office pulling the files over the API and
 * {@code posterm settlements verify} accepting them; a second close continuing the chain although the
 * first files are gone from the terminal; a tampered copy named. The void and the refund are in
 * {@link #undoSome}.
 */
class BackOfficeDayEndToEndTest {
    static final String WALLET_MERCHANT = "1900000109";
    static final String WALLET_KEY = "posterm-lab-wallet-key-0001";
    static final Duration SLIPS = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    WalletGatewaySimulator wallet;
    ScannerSimulator scanner;
    Shop shop;
    CashRegister backOffice;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void open() throws Exception {
        wallet = new WalletGatewaySimulator(0, WALLET_MERCHANT, WALLET_KEY, Clock.systemUTC()).start();
        scanner = new ScannerSimulator(0).start();
        shop = Shop.with(dir, """
                [wallet]
                url = "%s"
                merchant_id = "%s"
                key = "%s"
                timeout_ms = 3000
                query_interval_ms = 1000
                give_up_seconds = 15
                [scanner]
                port = "tcp:127.0.0.1:%d"
                """.formatted(wallet.url(), WALLET_MERCHANT, WALLET_KEY, scanner.port()));
        backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"), Shop.BACKOFFICE);
        Shop.await(Duration.ofSeconds(15), "the reader and the host link", () -> shop.reader.connected());
    }

    @AfterEach
    void close() throws Exception {
        shop.close();
        scanner.close();
        wallet.close();
    }

    /** The day's sales: 35.00 Visa chip and 8.00 Mastercard contactless online, 18.00 Mastercard offline, 12.50 cash, 15.00 WeChat Pay. */
    private void sellTheDay() throws Exception {
        shop.reader.enqueue(CardScript.onlineChip());
        JsonNode noodles = shop.sell("noodles", 3500);
        assertEquals("APPROVED", noodles.path("state").asText());
        shop.reader.enqueue(CardScript.contactless());
        JsonNode tea = shop.sell("tea", 800);
        assertEquals("APPROVED", tea.path("state").asText());
        shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN));
        assertEquals("APPROVED_OFFLINE", shop.sell("dumplings", 1800, "FORCE_OFFLINE").path("state").asText());
        assertEquals(201, shop.register.createOrder("cash-1", 1250, "CNY", "two coffees").status());
        CashRegister.Answer cash = shop.register.send("POST", "/orders/cash-1/payments",
                Optional.of("{\"method\":\"CASH\",\"tendered\":2000}"));
        assertEquals("APPROVED", cash.text("state"), cash.body().toString());
        assertEquals(201, shop.register.createOrder("qr-1", 1500, "CNY", "cake").status());
        CashRegister.Answer qr = shop.register.send("POST", "/orders/qr-1/payments",
                Optional.of("{\"method\":\"QR\",\"qrCode\":\"134567890123456700\"}"));
        assertEquals(202, qr.status(), qr.body().toString());
        assertEquals("APPROVED", shop.register.awaitPayment(qr.text("paymentId"), 20).text("state"));
        undoSome(noodles.path("paymentId").asText(), tea.path("paymentId").asText());
        Shop.await(Duration.ofSeconds(60), "the offline sale forwarded", () ->
                shop.status().path("storeAndForward").path("count").asInt() == 0);
    }

    /** The customer of "tea" changed their mind (a void); "noodles" gets 10.00 back (a partial refund). */
    private void undoSome(String noodles, String tea) throws IOException {
        CashRegister.Answer voided = shop.register.voidPayment(tea);
        assertEquals(200, voided.status(), voided.body().toString());
        CashRegister.Answer refund = shop.register.refund(noodles, 1000, Optional.of("noodles-refund"));
        assertEquals(201, refund.status(), refund.body().toString());
        assertEquals("APPROVED", refund.text("state"), refund.body().toString());
    }

    /** What the file, the API and the Z report must all say of the day above. */
    private static void theDaysTotals(JsonNode totals) {
        // The voided tea (8.00) is out of the sales; the partly refunded noodles stay in them.
        assertEquals(4, totals.path("sales").path("count").asInt(), totals.toString());
        assertEquals(8050, totals.path("sales").path("amount").asLong(), totals.toString());
        assertEquals(5300, totals.path("byMethod").path("CARD").path("amount").asLong());
        assertEquals(1500, totals.path("byMethod").path("QR").path("amount").asLong());
        assertEquals(1250, totals.path("byMethod").path("CASH").path("amount").asLong());
        assertEquals(1800, totals.path("offlineAdvised").path("amount").asLong());
        assertEquals(1, totals.path("refunds").path("count").asInt(), totals.toString());
        assertEquals(1000, totals.path("refunds").path("amount").asLong(), totals.toString());
        assertEquals(1, totals.path("voids").path("count").asInt(), totals.toString());
        assertEquals(800, totals.path("voids").path("amount").asLong(), totals.toString());
        assertEquals(0, totals.path("carriedOver").path("count").asInt());
    }

    @Test
    void theDayClosesWithTheBanksTotalsTheZReportAndFilesTheBackOfficeCanProve() throws Exception {
        sellTheDay();

        CashRegister.Answer x = backOffice.send("POST", "/reports/x", Optional.empty());
        assertEquals(200, x.status(), x.body().toString());
        assertTrue(x.body().path("printed").asBoolean(), x.body().toString());
        theDaysTotals(x.body().path("totals"));
        assertEquals(1, x.body().path("byBrand").path("VISA").path("count").asInt(), x.body().toString());
        assertEquals(1800, x.body().path("byBrand").path("MASTERCARD").path("amount").asLong(), x.body().toString());
        Slip xSlip = slipWith("X REPORT");
        assertTrue(xSlip.contains("X REPORT - BATCH NOT CLOSED"), xSlip.text());
        assertEquals(403, shop.register.send("POST", "/reports/x", Optional.empty()).status(), "cashier");

        CashRegister.Answer closed = backOffice.send("POST", "/batches/close", Optional.empty());
        assertEquals(200, closed.status(), closed.body().toString());
        assertEquals("00", closed.text("responseCode"));
        assertEquals("0002000000005300" + "0001000000001000", closed.text("terminalTotals"),
                "card only in field 63, the voided sale left out, the refund counted");
        assertEquals(closed.text("terminalTotals"), closed.text("hostTotals"), "the bank's books equal the terminal's");
        theDaysTotals(closed.body().path("totals"));

        Slip z = slipWith("Z REPORT");
        String zText = z.text();
        assertTrue(z.contains("Z REPORT - BATCH CLOSED") && z.contains("000001"), zText);
        assertLine(z, "SALES", "4  CNY 80.50");
        assertLine(z, "CARD", "2  CNY 53.00");
        assertLine(z, "QR", "1  CNY 15.00");
        assertLine(z, "CASH", "1  CNY 12.50");
        assertLine(z, "VISA", "1  CNY 35.00");
        assertLine(z, "MASTERCARD", "1  CNY 18.00");
        assertLine(z, "WeChat Pay", "1  CNY 15.00");
        assertLine(z, "REFUNDS", "1  CNY 10.00");
        assertLine(z, "VOIDS", "1  CNY 8.00");
        assertLine(z, "OFFLINE, ACCEPTED", "1  CNY 18.00");
        assertLine(z, "OFFLINE, DECLINED", "0  CNY 0.00");
        assertLine(z, "CARRIED OVER", "0  CNY 0.00");

        // The back office pulls both files over the API and proves them on its own machine.
        Path archive = Files.createDirectories(dir.resolve("back-office"));
        assertEquals(403, download("settlement-T0000001-000001.csv", Shop.CASHIER, archive), "cashier");
        assertEquals(404, rawStatus("/api/v1/settlements/..%2fjournal.db"), "traversal");
        for (JsonNode f : backOffice.send("GET", "/settlements", Optional.empty()).body().path("items")) {
            assertEquals(200, download(f.path("name").asText(), Shop.BACKOFFICE, archive));
        }
        Path firstCsv = archive.resolve("settlement-T0000001-000001.csv");
        String verified = verify(firstCsv);
        assertTrue(verified.contains("OK (7 rows, batch 000001"), verified);   // five sales, the void, the refund
        JsonNode manifest = new ObjectMapper().readTree(archive.resolve("settlement-T0000001-000001.json").toFile());
        theDaysTotals(manifest.path("totals"));

        // A tampered copy: one amount changed. verify names the file and the row.
        Path tampered = Files.createDirectories(dir.resolve("tampered"));
        Files.copy(archive.resolve("settlement-T0000001-000001.json"), tampered.resolve("settlement-T0000001-000001.json"));
        String csv = Files.readString(firstCsv);
        Files.writeString(tampered.resolve("settlement-T0000001-000001.csv"), csv.replaceFirst(",3500,", ",3600,"));
        String refused = verify(tampered.resolve("settlement-T0000001-000001.csv"));
        assertTrue(refused.contains(tampered.resolve("settlement-T0000001-000001.csv") + ":2: row 1"), refused);
        assertFalse(refused.contains(": OK"), refused);

        // Retention took the first files off the terminal: the chain still continues, from the journal.
        Files.delete(shop.dataDir.resolve("settlements/settlement-T0000001-000001.csv"));
        Files.delete(shop.dataDir.resolve("settlements/settlement-T0000001-000001.json"));
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("rice", 1200).path("state").asText());
        CashRegister.Answer second = backOffice.send("POST", "/batches/close", Optional.empty());
        assertEquals(200, second.status(), second.body().toString());
        Path secondCsv = shop.dataDir.resolve("settlements/settlement-T0000001-000002.csv");
        String both = verify(firstCsv, secondCsv);
        assertTrue(both.contains("settlement-T0000001-000002.csv: OK (1 rows") && !both.contains("problem"), both);
        assertEquals(manifest.path("chainHead").asText(), new ObjectMapper().readTree(shop.dataDir
                .resolve("settlements/settlement-T0000001-000002.json").toFile()).path("chainStart").asText());
    }

    /** The first slip holding {@code marker}, waiting (bounded) for it: sale slips print beside it. */
    private Slip slipWith(String marker) throws Exception {
        Shop.await(SLIPS, "a slip with " + marker, () -> shop.printer.slips().stream().anyMatch(s -> s.contains(marker)));
        return shop.printer.slips().stream().filter(s -> s.contains(marker)).findFirst().orElseThrow();
    }

    private static void assertLine(Slip slip, String label, String value) {
        assertTrue(slip.lines().stream().anyMatch(l -> l.strip().startsWith(label) && l.strip().endsWith(value)),
                label + " ... " + value + " in\n" + slip.text());
    }

    private int download(String name, String token, Path into) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.apiPort
                + "/api/v1/settlements/" + name)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
            Files.write(into.resolve(name), r.body());
        }
        return r.statusCode();
    }

    private int rawStatus(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", shop.apiPort)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + Shop.BACKOFFICE + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try (InputStream in = s.getInputStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Integer.parseInt(answer.substring(9, 12));
            }
        }
    }

    /** {@code posterm settlements verify}, as the back office runs it; what it printed. */
    private static String verify(Path... files) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new dev.posterm.core.cli.Posterm());
        cli.setOut(new java.io.PrintWriter(out, true));
        String[] args = new String[files.length + 2];
        args[0] = "settlements";
        args[1] = "verify";
        for (int i = 0; i < files.length; i++) {
            args[i + 2] = files[i].toString();
        }
        cli.execute(args);
        return out.toString();
    }

}
