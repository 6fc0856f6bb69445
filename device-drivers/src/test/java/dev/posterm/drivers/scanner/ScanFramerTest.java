package dev.posterm.drivers.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes as scanners send them, written by hand; fed whole, cut at every position, and one byte at a time. */
class ScanFramerTest {
    private static final long MS = 1_000_000L;

    /** A WeChat code with CR, an Alipay code with CR LF, a product barcode with LF alone. */
    private static final byte[] THREE_SCANS = ascii("134567890123456789\r2812345678901234\r\n6901234567892\n");
    private static final List<ScanFrame> THREE_CODES = List.of(new ScanFrame.Code("134567890123456789"),
            new ScanFrame.Code("2812345678901234"), new ScanFrame.Code("6901234567892"));

    @Test
    void wholeChunk() {
        assertEquals(THREE_CODES, ScanFramer.standard().accept(THREE_SCANS, 0, THREE_SCANS.length, 0));
    }

    @Test
    void cutAtEveryPosition() {
        for (int cut = 0; cut <= THREE_SCANS.length; cut++) {
            ScanFramer framer = ScanFramer.standard();
            List<ScanFrame> frames = new ArrayList<>(framer.accept(THREE_SCANS, 0, cut, 0));
            frames.addAll(framer.accept(THREE_SCANS, cut, THREE_SCANS.length - cut, 10 * MS));
            assertEquals(THREE_CODES, frames, "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATime() {
        ScanFramer framer = ScanFramer.standard();
        List<ScanFrame> frames = new ArrayList<>();
        for (int i = 0; i < THREE_SCANS.length; i++) {
            frames.addAll(framer.accept(THREE_SCANS, i, 1, i * MS));
        }
        assertEquals(THREE_CODES, frames);
    }

    @Test
    void anOverlongLineIsDiscardedWholeAndTheNextCodeStillComes() {
        byte[] bytes = new byte[200 + 21];
        Arrays.fill(bytes, 0, 200, (byte) '7');
        System.arraycopy(ascii("\r6212345678901234567\r"), 0, bytes, 200, 21);
        ScanFramer framer = ScanFramer.standard();

        List<ScanFrame> frames = framer.accept(bytes, 0, bytes.length, 0);

        assertEquals(List.of(new ScanFrame.Discarded("longer than 128 bytes", 200),
                new ScanFrame.Code("6212345678901234567")), frames);
        assertEquals(1, framer.discarded());
    }

    @Test
    void aLineWithNoiseIsDiscardedWhole() {
        byte[] bytes = ascii("1345\u00076789\r\r134567890123456789\r");
        bytes[4] = (byte) 0xF7;

        List<ScanFrame> frames = ScanFramer.standard().accept(bytes, 0, bytes.length, 0);

        assertEquals(List.of(new ScanFrame.Discarded("byte 0xF7 is no part of a code", 9),
                new ScanFrame.Code("134567890123456789")), frames);
    }

    @Test
    void aPartCutOffBySilenceIsNotGluedToTheNextCode() {
        ScanFramer framer = ScanFramer.standard();
        byte[] torn = ascii("13456789");
        byte[] next = ascii("2812345678901234\r");

        assertEquals(List.of(), framer.accept(torn, 0, torn.length, 0));
        assertEquals(List.of(new ScanFrame.Discarded("cut off by 600 ms of silence", 8),
                new ScanFrame.Code("2812345678901234")), framer.accept(next, 0, next.length, 600 * MS));
    }

    @Test
    void codesAreMaskedWhenPrinted() {
        assertEquals("Code[13************6789]", new ScanFrame.Code("134567890123456789").toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
