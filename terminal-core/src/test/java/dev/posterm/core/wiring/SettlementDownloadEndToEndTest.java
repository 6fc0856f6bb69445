package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.posterm.simulator.reader.CardScript;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/settlements} and {@code /settlements/{name}} over the real controller and HTTP,
 * as a back office script uses them: the list, the download with its ETag and ranges, the fetched
 * mark, the cashier refused, and every name that is not a settlement file answered 404.
 */
class SettlementDownloadEndToEndTest {
    static final String CSV = "settlement-T0000001-000001.csv";
    static final String MANIFEST = "settlement-T0000001-000001.json";

    @TempDir
    Path dir;
    Shop shop;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    byte[] csv;

    @BeforeEach
    void aClosedBatch() throws Exception {
        shop = new Shop(dir, "en");
        Shop.await(Duration.ofSeconds(15), "the reader and the host link", () -> shop.reader.connected());
        shop.reader.enqueue(CardScript.onlineChip());
        assertEquals("APPROVED", shop.sell("noodles", 3500).path("state").asText());
        HttpResponse<byte[]> closed = call("POST", "/batches/close", Shop.BACKOFFICE);
        assertEquals(200, closed.statusCode(), new String(closed.body(), StandardCharsets.UTF_8));
        csv = Files.readAllBytes(shop.dataDir.resolve("settlements").resolve(CSV));
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private HttpResponse<byte[]> call(String method, String path, String token, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode list() throws Exception {
        HttpResponse<byte[]> r = call("GET", "/settlements", Shop.BACKOFFICE);
        assertEquals(200, r.statusCode());
        return new ObjectMapper().readTree(r.body()).path("items");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theListShowsBothFilesWithTheirSizeHashBatchAndCloseTimeAndAWholeDownloadMarksThemFetched() throws Exception {
        JsonNode items = list();
        assertEquals(2, items.size(), items.toString());
        JsonNode first = items.get(0);
        assertEquals(CSV, first.path("name").asText());
        assertEquals(MANIFEST, items.get(1).path("name").asText());
        assertEquals(csv.length, first.path("size").asLong());
        assertEquals(sha256(csv), first.path("sha256").asText());
        assertEquals(1, first.path("batch").asInt());
        assertTrue(first.path("closedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), first.toString());
        assertFalse(first.path("fetched").asBoolean());

        HttpResponse<byte[]> part = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=0-9");
        assertEquals(206, part.statusCode());
        assertFalse(list().get(0).path("fetched").asBoolean(), "a part is not the file");
        assertEquals(206, call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=-10").statusCode());
        assertFalse(list().get(0).path("fetched").asBoolean(), "a look at the tail is not a download");
        assertEquals(200, call("HEAD", "/settlements/" + CSV, Shop.BACKOFFICE).statusCode());
        assertFalse(list().get(0).path("fetched").asBoolean(), "HEAD sends nothing");

        HttpResponse<byte[]> whole = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(csv, whole.body());
        assertEquals("text/csv; charset=utf-8; header=present", whole.headers().firstValue("Content-Type").orElse(""));
        assertTrue(list().get(0).path("fetched").asBoolean(), list().toString());
        assertFalse(list().get(1).path("fetched").asBoolean(), "the manifest still waits");

        HttpResponse<byte[]> manifest = call("GET", "/settlements/" + MANIFEST, Shop.BACKOFFICE);
        assertEquals(200, manifest.statusCode());
        assertEquals("application/json", manifest.headers().firstValue("Content-Type").orElse(""));
        assertEquals(sha256(csv), new ObjectMapper().readTree(manifest.body()).path("csv").path("sha256").asText());
        assertTrue(list().get(1).path("fetched").asBoolean());
    }

    @Test
    void theETagIsTheFilesHashAndRangesFollowRfc9110() throws Exception {
        String etag = "\"" + sha256(csv) + "\"";
        HttpResponse<byte[]> whole = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE);
        assertEquals(etag, whole.headers().firstValue("ETag").orElse(""));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));

        HttpResponse<byte[]> same = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);
        assertEquals(200, call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "If-None-Match",
                "\"" + "0".repeat(64) + "\"").statusCode(), "another version: the file");

        int n = csv.length;
        HttpResponse<byte[]> head = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=0-99");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-99/" + n, head.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(csv, 0, 100), head.body());

        HttpResponse<byte[]> rest = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=100-");
        assertEquals("bytes 100-" + (n - 1) + "/" + n, rest.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(csv, 100, n), rest.body());

        HttpResponse<byte[]> tail = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=-66");
        assertArrayEquals(Arrays.copyOfRange(csv, n - 66, n), tail.body(), "the last row's chain and CRLF");

        HttpResponse<byte[]> beyond = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=" + n + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + n, beyond.headers().firstValue("Content-Range").orElse(""));

        HttpResponse<byte[]> stale = call("GET", "/settlements/" + CSV, Shop.BACKOFFICE, "Range", "bytes=0-9",
                "If-Range", "\"" + "0".repeat(64) + "\"");
        assertEquals(200, stale.statusCode(), "If-Range of another version: the whole file");
        assertArrayEquals(csv, stale.body());

        HttpResponse<byte[]> onlyHeaders = call("HEAD", "/settlements/" + CSV, Shop.BACKOFFICE);
        assertEquals(200, onlyHeaders.statusCode());
        assertEquals(String.valueOf(n), onlyHeaders.headers().firstValue("Content-Length").orElse(""));
        assertEquals(etag, onlyHeaders.headers().firstValue("ETag").orElse(""));
    }

    @Test
    void theCashierTokenIsRefusedOnSettlements() throws Exception {
        assertEquals(403, call("GET", "/settlements", Shop.CASHIER).statusCode());
        assertEquals(403, call("GET", "/settlements/" + CSV, Shop.CASHIER).statusCode());
        assertEquals(401, call("GET", "/settlements/" + CSV, "not-a-token").statusCode());
    }

    @Test
    void anythingThatIsNotASettlementFileIs404() throws Exception {
        Files.writeString(shop.dataDir.resolve("secret.txt"), "not for the back office");
        List<String> targets = List.of("..", "../journal.db", "..%2fjournal.db", "%2e%2e", "%2e%2e%2fjournal.db",
                "%252e%252e%252fjournal.db", "..%5c..%5cjournal.db", "%2Fetc%2Fpasswd", CSV + "%00",
                CSV + "%00.json", "%2e" + CSV, "..%2f..%2fsecret.txt", "settlement-T0000001-000002.csv",
                "settlement-T0000001-000001.csv%2f..%2f..%2fsecret.txt", "journal.db", "%2fsettlement-T0000001-000001.csv",
                URI.create("file:" + shop.dataDir.resolve("settlements").resolve(CSV)).getRawPath().replace("/", "%2F"));
        for (String target : targets) {
            String answer = raw("GET /api/v1/settlements/" + target);
            assertTrue(answer.startsWith("HTTP/1.1 404"), target + " -> " + answer);
            assertFalse(answer.contains("not for the back office") || answer.contains("seq,time"), target);
        }
        for (String target : List.of("/api/v1/settlements/../settlements/" + CSV, "/api/v1/settlements/" + CSV + "/..",
                "/api/v1/settlements//etc/passwd", "/api/v1/settlements/x/../../journal.db")) {
            String answer = raw("GET " + target);
            assertTrue(answer.startsWith("HTTP/1.1 404"), target + " -> " + answer);
        }
    }

    @Test
    void posttermSettlementsListShowsWhatTheApiListsAsATable() throws Exception {
        JsonNode api = list();
        String before = settlementsList();
        for (JsonNode f : api) {
            String line = before.lines().filter(l -> l.contains(f.path("name").asText())).findFirst().orElse("");
            assertTrue(line.startsWith("  000001  ") && line.contains(" " + f.path("size").asLong() + "  ")
                    && line.endsWith(f.path("sha256").asText()) && line.contains("not yet"), before);
        }
        assertTrue(before.contains("2 file(s), 2 not fetched by the back office yet; retention 90 days"), before);

        assertEquals(200, call("GET", "/settlements/" + CSV, Shop.BACKOFFICE).statusCode());
        String after = settlementsList();
        String csvLine = after.lines().filter(l -> l.contains(CSV)).findFirst().orElse("");
        assertFalse(csvLine.contains("not yet"), after);
        assertTrue(after.contains("2 file(s), 1 not fetched"), after);
    }

    private String settlementsList() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new dev.posterm.core.cli.Posterm());
        cli.setOut(new java.io.PrintWriter(out, true));
        assertEquals(0, cli.execute("settlements", "list", "--config", shop.configFile.toString()), out.toString());
        return out.toString();
    }

    /** One request as written by hand (java.net.http would normalise some targets); the answer's text. */
    private String raw(String requestLine) throws IOException {
        try (Socket s = new Socket("127.0.0.1", shop.apiPort)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + Shop.BACKOFFICE + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
