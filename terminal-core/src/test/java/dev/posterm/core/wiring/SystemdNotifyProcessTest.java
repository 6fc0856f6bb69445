package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.Await;
import dev.posterm.simulator.demo.ControllerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code posterm run} as systemd runs a {@code Type=notify} unit with {@code WatchdogSec=}:
 * NOTIFY_SOCKET and WATCHDOG_USEC in its environment, socat in systemd's place at the socket.
 */
class SystemdNotifyProcessTest {
    @TempDir
    Path dir;

    @Test
    void readyComesOnceTheApiAnswersThenTheWatchdogIsPetted() throws Exception {
        Path socat = Path.of("/usr/bin/socat");
        Assumptions.assumeTrue(Files.isExecutable(socat) && Files.isExecutable(Path.of("/usr/bin/systemd-notify")),
                "systemd-notify or socat missing: the notify path is not tested here");
        Path socket = dir.resolve("notify");
        Path received = dir.resolve("received");
        Process systemd = new ProcessBuilder(socat.toString(), "-u", "UNIX-RECV:" + socket, "STDOUT")
                .redirectOutput(received.toFile()).start();
        Process posterm = null;
        try (Shop shop = Shop.withoutController(dir);
             HttpClient http = HttpClient.newHttpClient()) {
            Await.until(Duration.ofSeconds(10), "socat's socket", () -> Files.exists(socket));
            ProcessBuilder run = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), ControllerProcess.MAIN_CLASS, "run",
                    "--config", shop.configFile.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("posterm.out").toFile());
            run.environment().put("NOTIFY_SOCKET", socket.toString());
            run.environment().put("WATCHDOG_USEC", "2000000");
            posterm = run.start();

            Await.until(Duration.ofSeconds(60), "READY=1", () ->
                    Files.readString(received, StandardCharsets.US_ASCII).startsWith("READY=1"));
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.apiPort
                    + "/api/v1/status")).header("Authorization", "Bearer " + Shop.CASHIER).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), "the API answers once READY=1 is sent");
            Await.until(Duration.ofSeconds(30), "two pets", () ->
                    Files.readString(received, StandardCharsets.US_ASCII).startsWith("READY=1WATCHDOG=1WATCHDOG=1"));
            String log = Files.readString(dir.resolve("posterm.out"));
            assertTrue(log.contains("systemd watchdog: petted every 1000 ms while 7 loops live"), log);
        } finally {
            if (posterm != null) {
                posterm.destroy();
                if (!posterm.waitFor(30, TimeUnit.SECONDS)) {
                    posterm.destroyForcibly();
                }
            }
            systemd.destroy();
        }
    }
}
