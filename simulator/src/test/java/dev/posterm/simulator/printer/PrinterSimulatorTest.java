package dev.posterm.simulator.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.simulator.TestPeer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-written ESC/POS against the simulated printer over TCP loopback. */
class PrinterSimulatorTest {
    private PrinterSimulator printer;
    private TestPeer peer;

    @BeforeEach
    void start() throws IOException {
        printer = new PrinterSimulator().start();
        peer = new TestPeer(printer.port());
    }

    @AfterEach
    void stop() throws IOException {
        peer.close();
        printer.close();
    }

    @Test
    void chineseSlipIsDecodedAndHandedToListeners() throws Exception {
        BlockingQueue<Slip> heard = new LinkedBlockingQueue<>();
        printer.onSlip(heard::add);
        peer.writeHex(EscPosParserTest.CHINESE_SLIP);
        List<Slip> slips = printer.awaitSlips(1, Duration.ofSeconds(5));
        assertEquals(1, slips.size());
        assertEquals(List.of("金额: 12.50", "CARD ****0119"), slips.get(0).lines(), "feed before the cut left out");
        assertEquals(slips.get(0), heard.poll(5, TimeUnit.SECONDS), "the listener heard the same slip");
    }

    @Test
    void twoCutsMakeTwoSlips() throws Exception {
        // "MERCHANT COPY" LF GS V 1 | "CUSTOMER COPY" LF GS V 1
        peer.writeHex("4D45524348414E5420434F5059 0A 1D5601 435553544F4D455220434F5059 0A 1D5601");
        List<Slip> slips = printer.awaitSlips(2, Duration.ofSeconds(5));
        assertEquals("MERCHANT COPY", slips.get(0).text());
        assertEquals("CUSTOMER COPY", slips.get(1).text());
    }

    @Test
    void rollPaperStatusWhenOkAndWhenOut() throws IOException {
        peer.writeHex("100404"); // DLE EOT 4
        assertEquals(0x12, peer.readByte());
        printer.paperOut(true);
        peer.writeHex("100404");
        assertEquals(0x72, peer.readByte());
        peer.writeHex("100401"); // printer status: offline bit 3
        assertEquals(0x1A, peer.readByte());
        peer.writeHex("100402"); // offline cause: paper end stop bit 5
        assertEquals(0x32, peer.readByte());
    }

    @Test
    void coverOpenIsReportedAsOfflineCause() throws IOException {
        printer.coverOpen(true);
        peer.writeHex("100402");
        assertEquals(0x16, peer.readByte());
        peer.writeHex("100404");
        assertEquals(0x12, peer.readByte(), "paper is fine");
    }

    @Test
    void textSentWithPaperOutIsLost() throws Exception {
        printer.paperOut(true);
        peer.writeHex("48454C4C4F 0A 1D5600"); // "HELLO" LF GS V 0
        peer.writeHex("100404");              // a status answer proves the bytes before it were read
        assertEquals(0x72, peer.readByte());
        assertEquals(5 + 1 + 3, printer.lostBytes());
        assertEquals(0, printer.slips().size());
    }

    @Test
    void silentPrinterAnswersNothing() throws Exception {
        printer.paperOut(true);      // so an answer to the silent query (0x72) differs from the later one
        printer.goSilent(true);
        peer.writeHex("100404");
        TestPeer.await("the silent printer to take in the 3 query bytes", () -> printer.lostBytes() == 3);
        printer.goSilent(false);
        printer.paperOut(false);

        peer.writeHex("100404");
        assertEquals(0x12, peer.readByte(), "the first byte back answers the query sent after it woke:"
                + " the one sent while silent got none");
    }
}
