package dev.posterm.printer;

import static dev.posterm.printer.Hex.ascii;
import static dev.posterm.printer.Hex.concat;
import static dev.posterm.printer.Hex.format;
import static dev.posterm.printer.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.drivers.io.TcpTransport;
import dev.posterm.printer.layout.PaperWidth;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.layout.ReceiptRenderer;
import dev.posterm.printer.status.PrinterStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EscPosPrinter over a real loopback TCP socket against a scripted printer. */
@Timeout(10)
class EscPosPrinterTest {

    private static final byte[] QUERIES = hex("10 04 01  10 04 02  10 04 03  10 04 04");
    private static final ReceiptDocument SLIP = new ReceiptDocument(ReceiptDocument.Script.LATIN, List.of(
            ReceiptDocument.Text.title("SALE"),
            new ReceiptDocument.Pair("TOTAL", "CNY 12.50"),
            ReceiptDocument.Text.left("CARD **** 1234")));

    private FakeEscPosPrinter fake;
    private TcpTransport transport;
    private EscPosPrinter printer;

    private void start() throws IOException {
        fake = FakeEscPosPrinter.onFixedPort();
        transport = new TcpTransport("127.0.0.1", fake.port());
        printer = new EscPosPrinter(transport, new ReceiptRenderer(PaperWidth.MM_80), Duration.ofMillis(200), System::nanoTime);
        printer.connect();
    }

    @AfterEach
    void stop() throws IOException {
        if (printer != null) {
            printer.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void printsTheSlipAfterTheStatusWhenReady() throws IOException {
        start();
        PrintOutcome outcome = printer.print(SLIP);
        PrintOutcome.Printed printed = assertInstanceOf(PrintOutcome.Printed.class, outcome);
        // a later status exchange proves every byte before it has reached the printer
        assertEquals(new PrinterStatus.Ready(false), printer.status());

        byte[] received = fake.received();
        assertEquals(QUERIES.length + printed.bytesSent() + QUERIES.length + QUERIES.length, received.length,
                "status, slip, status after the cut, status");
        assertEquals(format(QUERIES), format(Arrays.copyOfRange(received, 0, 12)));
        byte[] slip = Arrays.copyOfRange(received, 12, 12 + printed.bytesSent());
        assertEquals(format(hex("1B 40 1C 2E")), format(Arrays.copyOfRange(slip, 0, 4)));
        assertEquals(format(hex("1D 56 42 00")), format(Arrays.copyOfRange(slip, slip.length - 4, slip.length)));
        byte[] totalLine = concat(ascii("TOTAL"), ascii(" ".repeat(42 - 5 - 9)), ascii("CNY 12.50"), hex("0A"));
        assertTrue(indexOf(slip, totalLine) > 0, "the TOTAL line right-aligned to 42 columns");
        assertTrue(indexOf(slip, ascii("CARD **** 1234")) > 0);
    }

    @Test
    void theDrawerOpensWithEscPOnPinTwoWithoutWaitingForTheStatus() throws IOException {
        start();

        DrawerOutcome outcome = printer.openDrawer();

        assertEquals(new DrawerOutcome.Kicked(), outcome);
        printer.status();   // a later exchange proves the pulse reached the printer first
        byte[] received = fake.received();
        assertEquals(format(hex("1B 70 00 32 64")), format(Arrays.copyOfRange(received, 0, 5)),
                "ESC p 0, 100 ms on, 200 ms off, before any status request");
    }

    @Test
    void aSlipIsPrintedOnlyWhenTheStatusAfterTheCutSaysSo() throws IOException {
        start();
        fake.answerAfterTheCut(0x1A, 0x32, 0x12, 0x72); // the roll ended under the slip: paper end after the cut

        PrintOutcome outcome = printer.print(SLIP);

        assertFalse(outcome instanceof PrintOutcome.Printed, "counted as printed: " + outcome);
        assertEquals(new PrintOutcome.Interrupted(new PrinterStatus.PaperOut()), outcome);
        byte[] received = fake.received();
        assertEquals(format(QUERIES), format(Arrays.copyOfRange(received, received.length - 12, received.length)),
                "the status was asked again after the slip");
    }

    @Test
    void paperOutIsNotPrintedAndNoSlipByteIsSent() throws IOException {
        start();
        fake.answer(0x1A, 0x32, 0x12, 0x72); // offline; stopped on paper end; paper end sensor
        assertEquals(new PrintOutcome.NotPrinted(new PrinterStatus.PaperOut()), printer.print(SLIP));
        assertEquals(new PrinterStatus.PaperOut(), printer.status());
        assertEquals(format(concat(QUERIES, QUERIES)), format(fake.received()));
    }

    @Test
    void coverOpenIsNotPrinted() throws IOException {
        start();
        fake.answer(0x1A, 0x16, 0x12, 0x12);
        assertEquals(new PrintOutcome.NotPrinted(new PrinterStatus.CoverOpen()), printer.print(SLIP));
    }

    @Test
    void paperNearEndStillPrints() throws IOException {
        start();
        fake.answer(0x12, 0x12, 0x12, 0x1E);
        assertInstanceOf(PrintOutcome.Printed.class, printer.print(SLIP));
        assertEquals(new PrinterStatus.Ready(true), printer.status());
    }

    @Test
    void silentPrinterIsNoAnswerAndGetsNoSlip() throws IOException {
        start();
        fake.silent(true);
        PrinterStatus.NoAnswer noAnswer = assertInstanceOf(PrinterStatus.NoAnswer.class, printer.status());
        assertTrue(noAnswer.reason().contains("DLE EOT 1"), noAnswer.reason());
        PrintOutcome.NotPrinted notPrinted = assertInstanceOf(PrintOutcome.NotPrinted.class, printer.print(SLIP));
        assertInstanceOf(PrinterStatus.NoAnswer.class, notPrinted.status());

        fake.silent(false);
        assertEquals(new PrinterStatus.Ready(false), printer.status());
        // only DLE EOT 1 was asked while silent, twice; then a full exchange
        assertEquals(format(concat(hex("10 04 01  10 04 01"), QUERIES)), format(fake.received()));
    }

    @Test
    void recoversAfterTheConnectionDrops() throws IOException {
        start();
        assertEquals(new PrinterStatus.Ready(false), printer.status());
        fake.dropConnections(); // unplugged
        assertInstanceOf(PrinterStatus.NoAnswer.class, printer.status());
        assertEquals(new PrinterStatus.Ready(false), printer.status()); // plugged back: reopened
        assertInstanceOf(PrintOutcome.Printed.class, printer.print(SLIP));
        assertEquals(2, fake.accepted());
    }

    @Test
    void recoversWhenThePrinterComesBackAfterBeingAway() throws IOException {
        start();
        int port = fake.port();
        fake.close(); // switched off: nothing listens
        PrinterStatus.NoAnswer away = assertInstanceOf(PrinterStatus.NoAnswer.class, printer.status());
        assertInstanceOf(PrinterStatus.NoAnswer.class, printer.status());
        assertTrue(away.reason().contains(transport.name()), away.reason());
        fake = new FakeEscPosPrinter(port); // switched on again
        assertEquals(new PrinterStatus.Ready(false), printer.status());
    }

    @Test
    void connectWithNoPrinterDoesNotThrow() throws IOException {
        fake = FakeEscPosPrinter.onFixedPort();
        int port = fake.port();
        fake.close();
        fake = null;
        transport = new TcpTransport("127.0.0.1", port);
        printer = new EscPosPrinter(transport, PaperWidth.MM_58);
        printer.connect();
        assertInstanceOf(PrinterStatus.NoAnswer.class, printer.status());
        assertInstanceOf(PrintOutcome.NotPrinted.class, printer.print(SLIP));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
