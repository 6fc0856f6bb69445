package dev.posterm.drivers.gpio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on Pi4J's mock provider, which keeps each line's state in memory. */
class Pi4jBoardTest {

    @Test
    void linesStartAtTheirInitialState() {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            OutputLine online = board.output(new OutputSpec("online_led", 17, false, false));
            OutputLine modemPower = board.output(new OutputSpec("modem_power_key", 24, true, true));

            assertFalse(online.isHigh());
            assertTrue(modemPower.isHigh());
            assertEquals("online_led", online.name());
            assertEquals("mock", board.provider());
        }
    }

    @Test
    void setDrivesTheLine() {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            OutputLine alert = board.output(new OutputSpec("alert_led", 22, false, false));
            alert.set(true);
            assertTrue(alert.isHigh());
            alert.set(false);
            assertFalse(alert.isHigh());
        }
    }

    @Test
    void closeAppliesEachLineShutdownState() {
        Pi4jBoard board = Pi4jBoard.mock();
        OutputLine alert = board.output(new OutputSpec("alert_led", 22, false, false));
        OutputLine modemPower = board.output(new OutputSpec("modem_power_key", 24, false, true));
        alert.set(true);

        board.close();

        assertFalse(alert.isHigh(), "a clean shutdown leaves the alert LED dark");
        assertTrue(modemPower.isHigh(), "the modem keeps its power");
        alert.set(true);
        assertFalse(alert.isHigh(), "a closed board ignores late instructions");
        assertThrows(IllegalStateException.class, () -> board.output(new OutputSpec("buzzer", 23, false, false)));
    }

    @Test
    void pulseReturnsAtOnceAndGoesBackLow() throws InterruptedException {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            OutputLine buzzer = board.output(new OutputSpec("buzzer", 23, false, false));
            long start = System.nanoTime();
            buzzer.pulse(Duration.ofMillis(200));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertTrue(buzzer.isHigh(), "high during the pulse");
            assertTrue(tookMillis < 150, "pulse must not block the caller, took " + tookMillis + " ms");
            assertTrue(awaitLow(buzzer, Duration.ofSeconds(5)), "low again after the pulse");
        }
    }

    @Test
    void setDuringAPulseWins() throws InterruptedException {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            OutputLine led = board.output(new OutputSpec("offline_led", 27, false, false));
            led.pulse(Duration.ofMillis(30));
            led.set(true);
            Thread.sleep(150); // past the cancelled end of pulse: nothing should pull it low
            assertTrue(led.isHigh());
        }
    }

    @Test
    void autoFallsBackToMockWithoutAGpioChip(@TempDir Path dir) {
        try (Pi4jBoard board = Pi4jBoard.open("auto", dir.resolve("gpiochip0"))) {
            assertEquals("mock", board.provider());
        }
        assertThrows(IllegalArgumentException.class, () -> Pi4jBoard.open("wiringpi"));
    }

    private static boolean awaitLow(OutputLine line, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!line.isHigh()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
