package dev.posterm.drivers.gpio;

import dev.posterm.drivers.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
            // A pulse of an hour that returns at all has not made the caller wait for it; the
            // deadline only stops a broken pulse from hanging the build.
            assertTimeoutPreemptively(Await.PATIENCE, () -> buzzer.pulse(Duration.ofHours(1)),
                    "pulse must not block the caller");
            assertTrue(buzzer.isHigh(), "high during the pulse");

            buzzer.pulse(Duration.ofMillis(20));
            Await.until("the buzzer low again after its pulse", () -> !buzzer.isHigh());
        }
    }

    @Test
    void setDuringAPulseWins() throws InterruptedException {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            OutputLine led = board.output(new OutputSpec("offline_led", 27, false, false));
            OutputLine buzzer = board.output(new OutputSpec("buzzer", 23, false, false));
            led.pulse(Duration.ofMillis(30));
            led.set(true);
            // The board ends every pulse on its one scheduler thread, in order of due time. A pulse
            // of the same length started afterwards on another line is due later, so once it has
            // ended, the LED's end of pulse would have run too, had set() not cancelled it.
            buzzer.pulse(Duration.ofMillis(30));
            Await.until("the buzzer's later pulse to end", () -> !buzzer.isHigh());

            assertTrue(led.isHigh(), "the set after the pulse is the last instruction, and it stands");
        }
    }

    @Test
    void anInputStartsLowOnTheMockAndReportsEachChangeTheWireMakes() {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            InputLine tamper = board.input(new InputSpec("tamper", 5, InputSpec.Pull.UP, Duration.ofMillis(10)));
            java.util.List<Boolean> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            tamper.onChange(heard::add);

            assertFalse(tamper.isHigh(), "the mock's line starts low: a shut case");
            board.simulate(5, true);
            board.simulate(5, true);   // no change, nothing heard
            board.simulate(5, false);

            assertEquals(java.util.List.of(true, false), heard);
            assertEquals("tamper", tamper.name());
            assertThrows(IllegalStateException.class, () -> board.simulate(6, true), "no input on BCM 6");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheNextChange() {
        try (Pi4jBoard board = Pi4jBoard.mock()) {
            InputLine button = board.input(new InputSpec("service_button", 6, InputSpec.Pull.DOWN, Duration.ZERO));
            java.util.List<Boolean> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            button.onChange(high -> {
                heard.add(high);
                throw new IllegalStateException("a bug in a listener");
            });
            board.simulate(6, true);
            board.simulate(6, false);
            assertEquals(java.util.List.of(true, false), heard);
        }
    }

    @Test
    void autoFallsBackToMockWithoutAGpioChip(@TempDir Path dir) {
        try (Pi4jBoard board = Pi4jBoard.open("auto", dir.resolve("gpiochip0"))) {
            assertEquals("mock", board.provider());
        }
        assertThrows(IllegalArgumentException.class, () -> Pi4jBoard.open("wiringpi"));
    }
}
