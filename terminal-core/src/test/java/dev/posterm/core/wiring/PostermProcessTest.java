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
}
