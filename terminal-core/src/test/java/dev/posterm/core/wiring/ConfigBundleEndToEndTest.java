package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.config.bundle.Ed25519;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed configuration bundles on the real {@code posterm run} process ({@code config-bundle.md}):
 * taken once the payment in progress has finished under the old configuration, every refusal
 * changing nothing, a bundle that breaks the host link undone by itself, an apply cut by SIGKILL
 * undone at the next start, and the history listing them all.
 */
class ConfigBundleEndToEndTest {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aBundleOverTheApiIsTakenOnceThePaymentInProgressHasFinishedUnderTheOldConfiguration() throws Exception {
        try (Shop shop = Shop.withoutController(dir, 30_000);
             ControllerProcess posterm = started(shop)) {
            Office office = new Office().trustedBy(shop.dataDir);
            CashRegister office_ = backOffice(shop);
            shop.acquirer.holdAnswers();   // the bank approves but has not said so yet: the payment is in progress
            shop.reader.enqueue(CardScript.onlineChip());
            assertEquals(201, shop.register.createOrder("before", 1250, "CNY", "in progress").status());
            String inProgress = shop.register.payByCard("before").text("paymentId");
            Shop.await(Duration.ofSeconds(10), "the 0200 at the bank", () -> shop.acquirer.heldAnswers() == 1);
            String toml = Office.bundleOf(shop, 1, "").replace("Test Shop", "Bundled Shop");

            CashRegister.Answer taken = office_.send("POST", "/config/bundle", Optional.of(office.signedBody(toml)));

            assertEquals(200, taken.status(), taken.body().toString());
            assertTrue(taken.body().path("applied").asBoolean(), taken.body().toString());
            assertEquals(1, taken.body().path("version").asLong());
            assertEquals("APPLYING", shop.status().path("config").path("state").asText(), "status says new payments wait");
            assertEquals(201, shop.register.createOrder("meanwhile", 990, "CNY", "waits").status());
            CashRegister.Answer waits = shop.register.payByCard("meanwhile");
            assertEquals(503, waits.status(), waits.body().toString());
            assertEquals("CONFIG_APPLYING", waits.text("errorCode"));
            assertEquals("PENDING", shop.register.awaitPayment(inProgress, 0).text("state"),
                    "the payment in progress is not cut short");

            shop.acquirer.releaseHeldAnswers();

            JsonNode config;
            try {
                config = awaitConfig(office_, c -> "RUNNING".equals(c.path("state").asText())
                        && c.path("version").asLong() == 1, Duration.ofSeconds(60));
            } catch (AssertionError e) {   // the controller's log says what the check saw
                throw new AssertionError(e.getMessage() + "\ncontroller:\n" + Files.readString(posterm.output()), e);
            }
            assertEquals("API", config.path("source").asText());
            assertEquals("Bundled Shop", config.path("configuration").path("terminal").path("merchant_name").asText());
            assertEquals("***", config.path("configuration").path("api").path("backoffice_token").asText());
            assertFalse(config.toString().contains(Shop.CASHIER), "no token shown: " + config);
            assertEquals("APPROVED", shop.register.awaitPayment(inProgress, 10).text("state"),
                    "the payment in progress finished, and was not lost");
            assertEquals(1, shop.acquirer.ledger().count("0200"), "one authorisation, nothing repeated");
            assertEquals(toml, Files.readString(shop.configFile), "the bundle is the config file");
            assertFalse(Files.readString(shop.configFile.resolveSibling("posterm.toml.previous")).contains("[bundle]"),
                    "the previous file kept beside it");
            shop.reader.enqueue(CardScript.onlineChip());
            assertEquals("APPROVED", shop.sell("after", 700).path("state").asText(), "payments go on");
            assertTrue(shop.printer.awaitSlips(5, Duration.ofSeconds(20)).stream()
                            .anyMatch(s -> s.lines().contains("Bundled Shop") || s.lines().stream()
                                    .anyMatch(l -> l.contains("Bundled Shop"))),
                    "the new configuration prints: " + texts(shop.printer.slips()));
            assertTrue(texts(shop.printer.slips()).contains("APPLIED"), "a slip says it was applied");
            List<String> outcomes = outcomes(office_);
            assertEquals(List.of("APPLIED", "APPLYING"), outcomes.subList(0, 2), "newest first: " + outcomes);
        }
    }

    @Test
    void everyRefusalChangesNothingAStickImportIsAppliedAndTheHistoryListsThemAll() throws Exception {
        try (Shop shop = Shop.withoutController(dir);
             ControllerProcess posterm = started(shop)) {
            Office office = new Office().trustedBy(shop.dataDir);
            Office stranger = new Office();
            CashRegister back = backOffice(shop);
            String before = Files.readString(shop.configFile);
            String good = Office.bundleOf(shop, 2, "");
            List<Refusal> refusals = List.of(
                    new Refusal("unsigned", Office.body(good, ""), 400, "BUNDLE_UNSIGNED"),
                    new Refusal("bad signature", Office.body(good + "# changed after signing\n", office.sign(good)), 400,
                            "BUNDLE_BAD_SIGNATURE"),
                    new Refusal("untrusted key", stranger.signedBody(good), 400, "BUNDLE_BAD_SIGNATURE"),
                    new Refusal("not newer", office.signedBody(Office.bundleOf(shop, 0, "")), 409, "BUNDLE_NOT_NEWER"),
                    new Refusal("another terminal", office.signedBody(good.replace("T0000001", "T0000002")), 400,
                            "BUNDLE_WRONG_TERMINAL"),
                    new Refusal("invalid", office.signedBody(good.replace("currency = \"CNY\"", "currency = \"XXX\"")
                            + "[offline]\nfloor_limit = -5\n"), 422, "BUNDLE_INVALID"));

            for (Refusal r : refusals) {
                CashRegister.Answer a = back.send("POST", "/config/bundle", Optional.of(r.body()));
                assertEquals(r.status(), a.status(), r.what() + ": " + a.body());
                assertEquals(r.code(), a.text("errorCode"), r.what() + ": " + a.body());
                assertEquals(before, Files.readString(shop.configFile), r.what() + ": the file is unchanged");
                JsonNode config = back.send("GET", "/config", Optional.empty()).body();
                assertEquals(0, config.path("version").asLong(), r.what());
                assertEquals("RUNNING", config.path("state").asText(), r.what());
                assertEquals("Test Shop", config.path("configuration").path("terminal").path("merchant_name").asText());
                if (r.code().equals("BUNDLE_INVALID")) {
                    List<String> keys = new ArrayList<>();
                    a.body().path("problems").forEach(p -> keys.add(p.path("key").asText() + "@" + p.path("line").asInt()));
                    assertTrue(keys.stream().anyMatch(k -> k.startsWith("terminal.currency@")), keys.toString());
                    assertTrue(keys.stream().anyMatch(k -> k.startsWith("offline.floor_limit@")), keys.toString());
                    a.body().path("problems").forEach(p -> assertTrue(p.path("line").asInt() > 0, p.toString()));
                }
            }
            assertFalse(Files.exists(shop.configFile.resolveSibling("posterm.toml.previous")), "nothing was replaced");
            shop.reader.enqueue(CardScript.onlineChip());
            assertEquals("APPROVED", shop.sell("still", 500).path("state").asText(), "payments never stopped");

            Path mount = office.stick(dir.resolve("stick"), good);
            Cli imported;
            try {
                imported = Cli.run(dir, "config", "import", mount.toString(), "--config", shop.configFile.toString());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\ncontroller:\n" + Files.readString(posterm.output()), e);
            }

            assertEquals(0, imported.exit(), imported.output());
            assertTrue(imported.output().contains("APPLIED"), imported.output());
            JsonNode config = back.send("GET", "/config", Optional.empty()).body();
            assertEquals(2, config.path("version").asLong(), config.toString());
            assertEquals("STICK", config.path("source").asText());
            assertEquals(good, Files.readString(shop.configFile));
            List<String> codes = new ArrayList<>();
            back.send("GET", "/config/history", Optional.empty()).body().path("attempts")
                    .forEach(a -> codes.add(a.path("outcome").asText() + ":" + a.path("errorCode").asText("")
                            + ":" + a.path("source").asText()));
            assertEquals(List.of("APPLIED::STICK", "APPLYING::STICK", "REFUSED:BUNDLE_INVALID:API",
                    "REFUSED:BUNDLE_WRONG_TERMINAL:API", "REFUSED:BUNDLE_NOT_NEWER:API",
                    "REFUSED:BUNDLE_BAD_SIGNATURE:API", "REFUSED:BUNDLE_BAD_SIGNATURE:API",
                    "REFUSED:BUNDLE_UNSIGNED:API"), codes);
            assertTrue(texts(shop.printer.slips()).contains("BUNDLE_WRONG_TERMINAL"), "each refusal prints a slip");
        }
    }

    @Test
    void aBundleWhoseHostDoesNotAnswerIsRolledBackByItself() throws Exception {
        try (Shop shop = Shop.withoutController(dir);
             java.net.ServerSocket silent = new java.net.ServerSocket(0);
             ControllerProcess posterm = started(shop)) {
            Office office = new Office().trustedBy(shop.dataDir);
            CashRegister back = backOffice(shop);
            String before = Files.readString(shop.configFile);
            // A host that accepts the connection and never answers: the echo test cannot pass.
            String toml = Office.bundleOf(shop, 1, "[config]\nrollback_seconds = 30\n")
                    .replace("127.0.0.1:" + shop.acquirer.port(), "127.0.0.1:" + silent.getLocalPort());

            CashRegister.Answer taken = back.send("POST", "/config/bundle", Optional.of(office.signedBody(toml)));
            assertEquals(200, taken.status(), taken.body().toString());

            JsonNode config = awaitConfig(back, c -> "RUNNING".equals(c.path("state").asText()),
                    Duration.ofSeconds(90));
            assertEquals(0, config.path("version").asLong(), "back to the version before: " + config);
            assertEquals(before, Files.readString(shop.configFile), "the previous file is back");
            JsonNode last = back.send("GET", "/config/history", Optional.empty()).body().path("attempts").get(0);
            assertEquals("ROLLED_BACK", last.path("outcome").asText(), last.toString());
            assertEquals("BUNDLE_ROLLED_BACK", last.path("errorCode").asText());
            assertTrue(last.path("reason").asText().contains("host"), last.toString());
            JsonNode status = shop.status();
            assertTrue(status.path("alerts").toString().contains("CONFIG_ROLLED_BACK"), status.toString());
            assertTrue(texts(shop.printer.awaitSlips(1, Duration.ofSeconds(10))).contains("ROLLED BACK"),
                    "a slip says so");
            shop.reader.enqueue(CardScript.onlineChip());
            assertEquals("APPROVED", shop.sell("after-rollback", 800).path("state").asText(),
                    "the old configuration runs again");
        }
    }

    @Test
    void anApplyCutBySigkillIsUndoneAtTheNextStartAndThePaymentInProgressIsRecovered() throws Exception {
        try (Shop shop = Shop.withoutController(dir, 30_000)) {
            Office office = new Office().trustedBy(shop.dataDir);
            CashRegister back = backOffice(shop);
            String before = Files.readString(shop.configFile);
            String toml = Office.bundleOf(shop, 1, "");
            try (ControllerProcess first = started(shop)) {
                shop.acquirer.holdAnswers();
                shop.reader.enqueue(CardScript.onlineChip());
                assertEquals(201, shop.register.createOrder("cut", 1500, "CNY", "cut").status());
                shop.register.payByCard("cut");
                Shop.await(Duration.ofSeconds(10), "the 0200 at the bank", () -> shop.acquirer.heldAnswers() == 1);
                assertEquals(200, back.send("POST", "/config/bundle", Optional.of(office.signedBody(toml))).status());
                assertEquals(toml, Files.readString(shop.configFile), "written, not yet confirmed");

                first.kill();
            }
            shop.acquirer.discardHeldAnswers();
            try (ControllerProcess second = started(shop)) {
                JsonNode config = back.send("GET", "/config", Optional.empty()).body();
                assertEquals(0, config.path("version").asLong(), config.toString());
                assertEquals(before, Files.readString(shop.configFile), "the file on disk went back");
                JsonNode last = back.send("GET", "/config/history", Optional.empty()).body().path("attempts").get(0);
                assertEquals("ROLLED_BACK", last.path("outcome").asText(), last.toString());
                assertTrue(last.path("reason").asText().contains("stopped before"), last.toString());
                CashRegister.Answer order = shop.register.order("cut");
                assertFalse("PAYING".equals(order.text("state")), "the interrupted payment was recovered: " + order.body());
            }
        }
    }

    @Test
    void aStickImportedWhileStoppedIsCheckedAtTheNextStartAndTheVersionSurvivesRestarts() throws Exception {
        try (Shop shop = Shop.withoutController(dir)) {
            Office office = new Office().trustedBy(shop.dataDir);
            CashRegister back = backOffice(shop);
            String toml = Office.bundleOf(shop, 4, "");
            Path mount = office.stick(dir.resolve("stick"), toml);

            Cli imported = Cli.run(dir, "config", "import", mount.toString(), "--config", shop.configFile.toString());

            assertEquals(0, imported.exit(), imported.output());
            assertTrue(imported.output().contains("checks this configuration when it starts"), imported.output());
            assertEquals(toml, Files.readString(shop.configFile));
            try (ControllerProcess first = started(shop)) {
                JsonNode config = awaitConfig(back, c -> "RUNNING".equals(c.path("state").asText()),
                        Duration.ofSeconds(60));
                assertEquals(4, config.path("version").asLong(), config.toString());
                assertEquals(List.of("APPLIED", "APPLYING"), outcomes(back));
                assertTrue(first.stop(Duration.ofSeconds(30)) != -1, "stopped by SIGTERM, not killed");
            }
            try (ControllerProcess second = started(shop)) {
                assertEquals(4, back.send("GET", "/config", Optional.empty()).body().path("version").asLong(),
                        "the version survives a restart");
                CashRegister.Answer again = back.send("POST", "/config/bundle", Optional.of(office.signedBody(toml)));
                assertEquals(409, again.status(), again.body().toString());
                assertEquals("BUNDLE_NOT_NEWER", again.text("errorCode"), "compared with the journal's version 4");
                assertEquals(toml, Files.readString(shop.configFile));
                Cli verify = Cli.run(dir, "config", "verify", mount.toString(), "--config", shop.configFile.toString());
                assertEquals(1, verify.exit(), verify.output());
                assertTrue(verify.output().contains("running version 4 (from the journal)"), verify.output());
                assertTrue(verify.output().contains("REFUSED: BUNDLE_NOT_NEWER"), verify.output());
            }
        }
    }

    private static ControllerProcess started(Shop shop) throws Exception {
        ControllerProcess p = ControllerProcess.start(shop.configFile, shop.configFile.resolveSibling(
                "posterm-" + System.nanoTime() + ".out"));
        if (!p.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"), Shop.CASHIER, READY)) {
            p.close();
            throw new AssertionError("not ready; see " + Files.readString(p.output()));
        }
        return p;
    }

    private static CashRegister backOffice(Shop shop) {
        return new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"), Shop.BACKOFFICE);
    }

    /** GET /config until {@code done}; the API is down for the moment of a swap, which reads as "not yet". */
    private static JsonNode awaitConfig(CashRegister back, java.util.function.Predicate<JsonNode> done, Duration limit)
            throws Exception {
        return dev.posterm.core.testing.Await.until(limit, "the configuration", () -> {
            try {
                CashRegister.Answer a = back.send("GET", "/config", Optional.empty());
                return a.status() == 200 ? a.body() : null;
            } catch (IOException e) {
                return null;
            }
        }, c -> c != null && done.test(c));
    }

    private static List<String> outcomes(CashRegister back) throws IOException {
        List<String> out = new ArrayList<>();
        back.send("GET", "/config/history", Optional.empty()).body().path("attempts")
                .forEach(a -> out.add(a.path("outcome").asText()));
        return out;
    }

    private static String texts(List<Slip> slips) {
        return String.join("\n", slips.stream().flatMap(s -> s.lines().stream()).toList());
    }

    private record Refusal(String what, String body, int status, String code) {
    }

    /** {@code posterm ...} as its own process, to its end. */
    record Cli(int exit, String output) {
        static Cli run(Path dir, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), ControllerProcess.MAIN_CLASS));
            cmd.addAll(List.of(args));
            Path out = Files.createTempFile(dir, "cli", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("posterm " + String.join(" ", args) + " did not end in 120 s:\n"
                        + Files.readString(out));
            }
            return new Cli(p.exitValue(), Files.readString(out));
        }
    }

    static {
        Ed25519.generate();   // fails early on a JDK without EdDSA
    }
}
