package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * READY=1 and WATCHDOG=1 as systemd receives them: a datagram unix socket (socat plays systemd's
 * end) named by NOTIFY_SOCKET, written by the real systemd-notify. The watchdog pets only while
 * every loop lives.
 */
class ServiceNotifierTest {
    private static final Path SYSTEMD_NOTIFY = Path.of("/usr/bin/systemd-notify");
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    @TempDir
    Path dir;
    Process systemd;
    Path received;
    ServiceNotifier notifier;

    @BeforeEach
    void listen() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SYSTEMD_NOTIFY) && Files.isExecutable(SOCAT),
                "systemd-notify or socat missing: the notify path is not tested here");
        Path socket = dir.resolve("notify");
        received = dir.resolve("received");
        systemd = new ProcessBuilder(SOCAT.toString(), "-u", "UNIX-RECV:" + socket, "STDOUT")
                .redirectOutput(received.toFile()).redirectErrorStream(false).start();
        Await.until(Duration.ofSeconds(10), "socat's socket", () -> Files.exists(socket));
        notifier = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString())).orElseThrow();
    }

    @AfterEach
    void stop() {
        if (systemd != null) {
            systemd.destroy();
        }
    }

    @Test
    void readyAndWatchdogReachTheNotifySocket() throws Exception {
        assertTrue(notifier.send("READY=1"));
        Thread living = Thread.currentThread();
        Watchdog watchdog = new Watchdog(notifier::send, () -> List.of(living), new dev.posterm.core.heartbeat.Heartbeats(java.time.Clock.systemUTC()));
        assertTrue(watchdog.petIfAlive());
        Await.until(Duration.ofSeconds(10), "READY=1 then WATCHDOG=1 at systemd's end", () ->
                Files.readString(received, StandardCharsets.US_ASCII).equals("READY=1WATCHDOG=1"));
    }

    @Test
    void aStoppedLoopStopsThePetsAndIsNamed() throws Exception {
        Thread reversals = Thread.ofPlatform().name("reversals").start(() -> { });
        reversals.join();
        Watchdog watchdog = new Watchdog(notifier::send, () -> List.of(Thread.currentThread(), reversals),
                new dev.posterm.core.heartbeat.Heartbeats(java.time.Clock.systemUTC()));

        assertEquals(List.of("loop reversals stopped"), watchdog.problems());
        assertFalse(watchdog.petIfAlive());
        // What did arrive proves what did not: the marker sent after the refused pet comes first.
        assertTrue(notifier.send("STATUS=marker"));
        Await.until(Duration.ofSeconds(10), "the marker", () ->
                Files.readString(received, StandardCharsets.US_ASCII).contains("STATUS=marker"));
        assertEquals("STATUS=marker", Files.readString(received, StandardCharsets.US_ASCII));
    }

    @Test
    void withoutNotifySocketNothingIsSentAndTheWatchdogIntervalIsSystemds() {
        assertEquals(Optional.empty(), ServiceNotifier.fromEnvironment(Map.of()));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), 42));
        assertEquals(Optional.empty(),
                ServiceNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42),
                "an interval meant for another process");
    }
}
