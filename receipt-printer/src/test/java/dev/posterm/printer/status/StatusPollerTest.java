package dev.posterm.printer.status;

import static dev.posterm.printer.Hex.format;
import static dev.posterm.printer.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.drivers.io.TransportClosedException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusPollerTest {

    private final ScriptedTransport.FakeClock clock = new ScriptedTransport.FakeClock();
    private final ScriptedTransport transport = new ScriptedTransport(clock);
    private final StatusPoller poller = new StatusPoller(transport, Duration.ofMillis(500), clock::nanoTime);

    private void answer(int printer, int offline, int error, int paper) {
        transport.answers.put(1, new byte[] {(byte) printer});
        transport.answers.put(2, new byte[] {(byte) offline});
        transport.answers.put(3, new byte[] {(byte) error});
        transport.answers.put(4, new byte[] {(byte) paper});
    }

    @Test
    void asksDleEotOneToFourInOrderAndReducesTheAnswers() throws IOException {
        answer(0x12, 0x12, 0x12, 0x1E);
        assertEquals(new PrinterStatus.Ready(true), poller.poll());
        assertEquals("10 04 01 10 04 02 10 04 03 10 04 04", format(transport.written.toByteArray()));
    }

    @Test
    void paperEndAnswerGivesPaperOut() throws IOException {
        answer(0x1A, 0x32, 0x12, 0x72);
        assertEquals(new PrinterStatus.PaperOut(), poller.poll());
    }

    @Test
    void bytesWaitingBeforeARequestAreDrainedNotTakenAsItsAnswer() throws IOException {
        answer(0x12, 0x12, 0x12, 0x12);
        transport.queue(0x1A, 0x1A); // a late "offline" from an earlier exchange
        assertEquals(new PrinterStatus.Ready(false), poller.poll());
        assertEquals(2, poller.strayBytes());
    }

    @Test
    void bytesFailingTheFixedBitsAreSkippedUntilTheRealAnswer() throws IOException {
        answer(0x12, 0x12, 0x12, 0x12);
        // DLE EOT 4 answered after an XOFF (0x13) and a NUL: the 0x72 is the answer
        transport.answers.put(4, hex("13 00 72"));
        assertEquals(new PrinterStatus.PaperOut(), poller.poll());
        assertEquals(2, poller.strayBytes());
    }

    @Test
    void silenceIsNoAnswerAfterTheTimeoutAndStopsAtTheFirstRequest() throws IOException {
        long start = clock.nanoTime();
        PrinterStatus status = poller.poll();
        NoAnswerCheck.assertNoAnswerMentions(status, "DLE EOT 1");
        long waited = clock.nanoTime() - start;
        assertTrue(waited >= Duration.ofMillis(500).toNanos() && waited < Duration.ofMillis(510).toNanos(),
                "waited " + waited + " ns");
        assertEquals("10 04 01", format(transport.written.toByteArray()));
    }

    @Test
    void aTrickleOfNonAnswersDoesNotStretchTheTimeout() throws IOException {
        answer(0x12, 0x12, 0x12, 0x12);
        transport.answers.remove(2);
        transport.trickleByte = 0x00; // garbage every 100 ms, forever
        transport.trickleDelay = Duration.ofMillis(100);
        // DLE EOT 1 is answered; DLE EOT 2 is not, and garbage keeps coming: the wait still ends at
        // its deadline, 500 ms after the request, not 500 ms after the last byte
        long start = clock.nanoTime();
        NoAnswerCheck.assertNoAnswerMentions(poller.poll(), "DLE EOT 2");
        long waited = clock.nanoTime() - start;
        assertTrue(waited <= Duration.ofMillis(520).toNanos(), "waited " + waited + " ns");
        assertTrue(poller.strayBytes() >= 4, "strays: " + poller.strayBytes());
    }

    @Test
    void aClosedLineIsAnExceptionForTheCallerToReopen() {
        transport.closedByPeer = true;
        assertThrows(TransportClosedException.class, poller::poll);
    }

    static final class NoAnswerCheck {
        static void assertNoAnswerMentions(PrinterStatus status, String text) {
            PrinterStatus.NoAnswer noAnswer = assertInstanceOf(PrinterStatus.NoAnswer.class, status);
            assertTrue(noAnswer.reason().contains(text), noAnswer.reason());
        }
    }
}
