package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.posterm.core.testing.Await;
import dev.posterm.drivers.io.SerialTransport;
import dev.posterm.drivers.scanner.ScanResult;
import dev.posterm.drivers.scanner.SerialScanner;
import dev.posterm.simulator.scanner.ScannerSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counter's scanner on a serial device path, as on the board: the scanner simulator bridged by
 * socat to a pseudo-terminal that {@link SerialScanner} opens through jSerialComm.
 */
class ScannerTtyTest {
    @TempDir
    Path dir;

    @Test
    void codesScannedArriveThroughATty() throws Exception {
        Assumptions.assumeTrue(PseudoTerminal.available(), "socat is not installed (scripts/test installs it)");
        try (ScannerSimulator sim = new ScannerSimulator(0).start();
             PseudoTerminal tty = PseudoTerminal.bridgeTo(sim.port(), dir.resolve("scanner"));
             SerialScanner scanner = new SerialScanner(new SerialTransport(tty.link.toString(), 9600),
                     Clock.systemUTC()).start()) {
            Await.until("the scanner's tty open and bridged", () -> scanner.connected() && sim.connected());

            sim.scan("134567890123456789");
            sim.crLf(true);
            sim.scan("6901234567892");

            assertEquals("134567890123456789", text(scanner));
            assertEquals("6901234567892", text(scanner));
        }
    }

    private static String text(SerialScanner scanner) throws InterruptedException {
        return assertInstanceOf(ScanResult.Scanned.class, scanner.next(Duration.ofSeconds(5))).scan().text();
    }
}
