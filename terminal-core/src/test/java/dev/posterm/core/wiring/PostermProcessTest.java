package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.reader.CardScript;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code posterm run} process, as systemd runs it: started, used, stopped with SIGTERM. */
class PostermProcessTest {
    @TempDir
    Path dir;

    @Test
    void runsASaleStopsCleanlyOnSigtermAndLogsNoCardData() throws Exception {
        try (Shop shop = Shop.withoutController(dir);
             ControllerProcess posterm = ControllerProcess.start(shop.configFile, dir.resolve("posterm.out"))) {
            assertTrue(posterm.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"),
                    Shop.CASHIER, Duration.ofSeconds(60)), "not ready; see " + posterm.output());
            shop.reader.enqueue(CardScript.onlineChip());
            assertEquals("APPROVED", shop.sell("proc-1", 1250).path("state").asText());
            shop.printer.awaitSlips(2, Duration.ofSeconds(10));

            long stopping = System.nanoTime();
            int exit = posterm.stop(Duration.ofSeconds(10));
            long tookMs = (System.nanoTime() - stopping) / 1_000_000;

            assertNotEquals(-1, exit, "had to be killed after 10 s");
            assertTrue(tookMs < 10_000, "stopped in " + tookMs + " ms");
            String out = Files.readString(posterm.output(), StandardCharsets.UTF_8);
            assertTrue(out.contains("posterm stopped"), "the last log line made it out:\n" + out);
            Path log = shop.dataDir.resolve("logs").resolve("posterm.log");
            assertTrue(Files.exists(log), "a rolling log under data.dir");
            try (Stream<Path> files = Files.walk(shop.dataDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (!f.toString().contains("native")) {
                        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                        assertFalse(text.contains(CardScript.VISA_PAN), f + " holds the PAN");
                        assertFalse(text.contains("D3012"), f + " holds track 2");
                    }
                }
            }
            assertFalse(out.contains(CardScript.VISA_PAN), "the console holds the PAN");
        }
    }

    @Test
    void aBrokenConfigIsRefusedNamingItsLineWithExitCode2() throws Exception {
        Path config = dir.resolve("broken.toml");
        Files.writeString(config, "[terminal]\nid = \"T1\"\n[reader]\nport = 17\n[api\n");
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ControllerProcess.MAIN_CLASS, "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));

        String text = Files.readString(out);
        assertEquals(2, p.exitValue(), text);
        assertTrue(text.contains("line 5"), "the syntax error names its line:\n" + text);
        assertFalse(Files.exists(dir.resolve("data")), "nothing was created");
    }

    @Test
    void aSecondInstanceOnTheSameDataDirExitsWithOneLineNamingTheFirstWhichKeepsServing() throws Exception {
        try (Shop shop = Shop.withoutController(dir);
             ControllerProcess first = ControllerProcess.start(shop.configFile, dir.resolve("first.out"))) {
            assertTrue(first.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"),
                    Shop.CASHIER, Duration.ofSeconds(60)), "not ready; see " + first.output());
            shop.reader.enqueue(CardScript.noCard());   // the first's payment waits for a card meanwhile
            assertEquals(201, shop.register.createOrder("live-1", 990, "CNY", "live").status());
            String paymentId = shop.register.payByCard("live-1").text("paymentId");

            Run second = Run.of(dir, shop.configFile.toString());

            assertNotEquals(0, second.exit, second.stderr);
            List<String> lines = second.stderr.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line on stderr:\n" + second.stderr);
            assertTrue(lines.get(0).contains("pid " + first.pid()), "names the holder:\n" + lines.get(0));
            assertTrue(lines.get(0).contains("stop"), "says what to do:\n" + lines.get(0));
            assertTrue(first.isAlive(), "the first keeps running");
            assertEquals("PENDING", shop.register.awaitPayment(paymentId, 0).text("state"),
                    "the first's live payment was not touched by a recovery of the second");
            assertEquals(200, shop.register.send("POST", "/payments/" + paymentId + "/cancel", java.util.Optional.empty())
                    .status());
            assertEquals("CANCELLED", shop.register.awaitPayment(paymentId, 10).text("state"));
        }
    }

    @Test
    void anApiPortInUseIsOneClearLineAndANonZeroExitWithTheStackTraceOnlyInTheLog() throws Exception {
        try (Shop shop = Shop.withoutController(dir);
             java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            squatter.bind(new java.net.InetSocketAddress("127.0.0.1", shop.apiPort));

            Run run = Run.of(dir, shop.configFile.toString());

            assertNotEquals(0, run.exit, run.stderr);
            assertTrue(run.stderr.lines().anyMatch(l -> l.startsWith("posterm: ") && l.contains(":" + shop.apiPort)
                    && l.contains("api.listen")), "one line naming the port and the setting:\n" + run.stderr);
            assertFalse(run.stderr.contains("\tat "), "no stack trace on the console:\n" + run.stderr);
            String log = Files.readString(shop.dataDir.resolve("logs").resolve("posterm.log"));
            assertTrue(log.contains("\tat "), "the stack trace is in the log file:\n" + log);
        }
    }

    @Test
    void aDataDirThatIsAFileIsRefusedInOneLine() throws Exception {
        try (Shop shop = Shop.withoutController(dir)) {
            Files.writeString(shop.dataDir, "not a directory");

            Run run = Run.of(dir, shop.configFile.toString());

            assertNotEquals(0, run.exit, run.stderr);
            List<String> lines = run.stderr.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line on stderr:\n" + run.stderr);
            assertTrue(lines.get(0).contains(shop.dataDir.toString()), lines.get(0));
        }
    }

    /**
     * A data directory on a read-only mount, made for this process only in a mount namespace of its
     * own (unshare -m), so nothing is left mounted if the test dies. File modes cannot show this:
     * tests run as root, who may write anyway.
     */
    @Test
    void aReadOnlyDataDirIsRefusedInOneLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(canMountPrivately(), "unshare -m and mount not allowed here");
        try (Shop shop = Shop.withoutController(dir)) {
            Files.createDirectories(shop.dataDir);

            Run run = Run.of(dir, List.of("unshare", "-m", "sh", "-c",
                    "mount -t tmpfs -o ro,size=1m posterm-ro \"$0\" && exec \"$@\"", shop.dataDir.toString()),
                    shop.configFile.toString());

            assertNotEquals(0, run.exit, run.stderr);
            List<String> lines = run.stderr.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line on stderr:\n" + run.stderr);
            assertTrue(lines.get(0).contains(shop.dataDir.toString()) && lines.get(0).contains("Read-only"),
                    lines.get(0));
        }
    }

    private static boolean canMountPrivately() throws Exception {
        Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", "mount -t tmpfs -o ro,size=1m probe /mnt")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** {@code posterm run} to its end, stdout and stderr apart. */
    private record Run(int exit, String stdout, String stderr) {
        static Run of(Path dir, String config) throws Exception {
            return of(dir, List.of(), config);
        }

        static Run of(Path dir, List<String> wrapper, String config) throws Exception {
            java.util.List<String> cmd = new java.util.ArrayList<>(wrapper);
            cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), ControllerProcess.MAIN_CLASS, "run", "--config", config));
            Path out = Files.createTempFile(dir, "run", ".out");
            Path err = Files.createTempFile(dir, "run", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // bounded: the assertion below says why
                throw new AssertionError("posterm run did not exit within 60 s:\n" + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        }
    }
}
