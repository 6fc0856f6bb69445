package dev.posterm.printer.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Answers written by hand from the Epson DLE EOT tables. Bit layout of every answer:
 * <pre>
 *   bit 7 6 5 4 3 2 1 0
 *       0 . . 1 . . 1 0      -&gt; 0x12 is "nothing set"
 * </pre>
 */
class StatusReportTest {

    private static final int CLEAR = 0x12;

    private static PrinterStatus reduce(int printer, int offline, int error, int paper) {
        return new StatusReport(printer, offline, error, paper).toPrinterStatus();
    }

    @Test
    void allClearIsReady() {
        assertEquals(new PrinterStatus.Ready(false), reduce(CLEAR, CLEAR, CLEAR, CLEAR));
    }

    @Test
    void rollPaperSensor() {
        // n=4: 0x1E = 0001 1110, bits 2-3 near end -> still ready, with a warning
        assertEquals(new PrinterStatus.Ready(true), reduce(CLEAR, CLEAR, CLEAR, 0x1E));
        // n=4: 0x72 = 0111 0010, bits 5-6 paper end
        assertEquals(new PrinterStatus.PaperOut(), reduce(CLEAR, CLEAR, CLEAR, 0x72));
        // 0x7E: near end and end both set
        assertEquals(new PrinterStatus.PaperOut(), reduce(CLEAR, CLEAR, CLEAR, 0x7E));
        // 0x12: paper present
        assertFalse(new StatusReport(CLEAR, CLEAR, CLEAR, 0x12).paperEnd());
        assertFalse(new StatusReport(CLEAR, CLEAR, CLEAR, 0x12).paperNearEnd());
    }

    @Test
    void printerStatusOfflineBitAlone() {
        // n=1: 0x1A = 0001 1010, bit 3 offline, no cause given
        assertEquals(new PrinterStatus.Fault("offline"), reduce(0x1A, CLEAR, CLEAR, CLEAR));
        assertTrue(new StatusReport(0x1A, CLEAR, CLEAR, CLEAR).offline());
    }

    @Test
    void offlineCauses() {
        // n=2: 0x16 = 0001 0110, bit 2 cover open
        assertEquals(new PrinterStatus.CoverOpen(), reduce(0x1A, 0x16, CLEAR, CLEAR));
        // n=2: 0x32 = 0011 0010, bit 5 printing stopped on paper end
        assertEquals(new PrinterStatus.PaperOut(), reduce(0x1A, 0x32, CLEAR, CLEAR));
        // n=2: 0x1A = 0001 1010, bit 3 paper being fed by the feed button
        PrinterStatus feeding = reduce(0x1A, 0x1A, CLEAR, CLEAR);
        assertTrue(((PrinterStatus.Fault) feeding).description().contains("feed button"), feeding.toString());
        // n=2: 0x52 = 0101 0010, bit 6 error occurred, n=3 names no cause
        assertEquals(new PrinterStatus.Fault("error"), reduce(0x1A, 0x52, CLEAR, CLEAR));
    }

    @Test
    void errorCauses() {
        // n=3: 0x16 = 0001 0110, bit 2 (auto-cutter) recoverable error
        assertEquals(new PrinterStatus.Fault("auto-cutter error"), reduce(0x1A, 0x52, 0x16, CLEAR));
        // n=3: 0x1A = 0001 1010, bit 3 unrecoverable error
        assertEquals(new PrinterStatus.Fault("unrecoverable error"), reduce(0x1A, 0x52, 0x1A, CLEAR));
        // n=3: 0x32 = 0011 0010, bit 5 auto-recoverable error
        PrinterStatus hot = reduce(0x1A, 0x52, 0x32, CLEAR);
        assertTrue(((PrinterStatus.Fault) hot).description().startsWith("auto-recoverable error"), hot.toString());
    }

    @Test
    void coverOpenWinsOverPaperEndBecauseAnOpenCoverBlindsTheSensor() {
        assertInstanceOf(PrinterStatus.CoverOpen.class, reduce(0x1A, 0x36, CLEAR, 0x72));
    }

    @Test
    void fixedBitsValidateAnAnswer() {
        assertTrue(StatusByte.isStatusAnswer(0x12));
        assertTrue(StatusByte.isStatusAnswer(0x72));
        assertTrue(StatusByte.isStatusAnswer(0x7E));
        assertFalse(StatusByte.isStatusAnswer(0x13), "XOFF: bit 0 set");
        assertFalse(StatusByte.isStatusAnswer(0x11), "XON: bit 1 clear");
        assertFalse(StatusByte.isStatusAnswer(0x92), "bit 7 set");
        assertFalse(StatusByte.isStatusAnswer(0x02), "bit 4 clear");
        assertFalse(StatusByte.isStatusAnswer(0x10), "bit 1 clear");
        assertFalse(StatusByte.isStatusAnswer(0x00));
        assertThrows(IllegalArgumentException.class, () -> new StatusReport(0x12, 0x12, 0x12, 0x00));
    }
}
