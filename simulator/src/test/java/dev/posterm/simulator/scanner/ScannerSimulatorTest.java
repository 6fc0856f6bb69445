package dev.posterm.simulator.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.TestPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScannerSimulatorTest {

    @Test
    void aScanIsTheCodeThenCrOrCrLf() throws Exception {
        try (ScannerSimulator scanner = new ScannerSimulator(0).start()) {
            assertFalse(scanner.scan("134567890123456789"));
            try (TestPeer peer = new TestPeer(scanner.port())) {
                await(scanner);
                assertTrue(scanner.scan("134567890123456789"));
                assertArrayEquals("134567890123456789\r".getBytes(StandardCharsets.US_ASCII), peer.read(19));
                scanner.crLf(true);
                scanner.scan("6901234567892");
                assertArrayEquals("6901234567892\r\n".getBytes(StandardCharsets.US_ASCII), peer.read(15));
            }
            assertFalse(scanner.log().contains("134567890123456789"));
        }
    }

    private static void await(ScannerSimulator scanner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!scanner.connected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("scanner simulator never saw the connection within 5 s");
            }
            Thread.sleep(5);   // a poll interval: the condition decides
        }
    }
}
