package dev.posterm.drivers.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.posterm.drivers.io.SerialTransport;
import dev.posterm.drivers.io.TcpTransport;
import dev.posterm.drivers.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner over real byte streams: serial over TCP, and a pseudo-terminal opened through jSerialComm. */
class SerialScannerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T09:30:00Z"), ZoneOffset.UTC);

    @Test
    void codesSentOverTcpArriveInOrderWithTheirTime() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SerialScanner scanner = new SerialScanner(new TcpTransport("127.0.0.1", server.getLocalPort()), clock)
                     .start();
             Socket line = server.accept()) {
            OutputStream out = line.getOutputStream();
            Await.until("the scanner's line open", scanner::connected);

            out.write(ascii("134567890123456789\r28123456"));
            out.flush();
            out.write(ascii("78901234\r\n"));
            out.flush();

            assertEquals(new Scan("134567890123456789", clock.instant()), scanned(scanner));
            assertEquals(new Scan("2812345678901234", clock.instant()), scanned(scanner));
            assertInstanceOf(ScanResult.NothingScanned.class, scanner.next(Duration.ofMillis(50)));
        }
    }

    @Test
    void aLineThatGoesAwayIsReportedAndReopened() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SerialScanner scanner = new SerialScanner(new TcpTransport("127.0.0.1", server.getLocalPort()), clock)
                     .start()) {
            server.accept().close();
            Await.until("the scanner to see its line gone", () -> !scanner.connected());
            assertInstanceOf(ScanResult.Unavailable.class, scanner.next(Duration.ofMillis(10)));

            try (Socket again = server.accept()) {
                Await.until("the scanner's line open again", scanner::connected);
                again.getOutputStream().write(ascii("6212345678901234567\r"));
                assertEquals("6212345678901234567", scanned(scanner).text());
            }
        }
    }

    @Test
    void codesThroughAPseudoTerminal(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(socatAvailable(), "socat is not installed (scripts/test installs it)");
        Path tty = dir.resolve("scanner");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + tty,
                    "tcp:127.0.0.1:" + server.getLocalPort()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("socat.log").toFile()).start();
            try (Socket line = server.accept()) {
                Await.until("socat to create " + tty, () -> Files.exists(tty));
                try (SerialScanner scanner = new SerialScanner(new SerialTransport(tty.toString(), 9600), clock)
                        .start()) {
                    Await.until("the scanner's tty open", scanner::connected);
                    OutputStream out = line.getOutputStream();
                    byte[] bytes = ascii("134567890123456789\r\n6901234567892\r");
                    for (byte b : bytes) {          // one byte at a time, as a slow scanner would
                        out.write(b);
                        out.flush();
                    }

                    assertEquals("134567890123456789", scanned(scanner).text());
                    assertEquals("6901234567892", scanned(scanner).text());
                }
            } finally {
                socat.destroy();
                socat.waitFor();
            }
        }
    }

    private static Scan scanned(Scanner scanner) throws InterruptedException {
        return assertInstanceOf(ScanResult.Scanned.class, scanner.next(WAIT)).scan();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean socatAvailable() {
        try {
            return new ProcessBuilder("socat", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
