package dev.posterm.drivers.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.posterm.drivers.io.TcpTransport;
import dev.posterm.drivers.testing.Await;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The scanner over a real byte stream (serial over TCP). The same over a pseudo-terminal opened through
 * jSerialComm is {@code terminal-core}'s {@code ScannerTtyTest}: loading jSerialComm here would come
 * before {@code NativeLibrariesTest}, which needs to be the first to load it in this JVM.
 */
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
            // Open first: before its first open the scanner is not connected either ("not opened yet"),
            // and a look then raced the reader thread opening the line.
            Socket first = server.accept();
            Await.until("the scanner's line open", scanner::connected);
            first.close();
            Await.until("the scanner to see its line gone", () -> !scanner.connected());
            assertInstanceOf(ScanResult.Unavailable.class, scanner.next(Duration.ofMillis(10)));

            try (Socket again = server.accept()) {
                Await.until("the scanner's line open again", scanner::connected);
                again.getOutputStream().write(ascii("6212345678901234567\r"));
                assertEquals("6212345678901234567", scanned(scanner).text());
            }
        }
    }

    private static Scan scanned(Scanner scanner) throws InterruptedException {
        return assertInstanceOf(ScanResult.Scanned.class, scanner.next(WAIT)).scan();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
