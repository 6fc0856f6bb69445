package dev.posterm.simulator.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscPosParserTest {
    // ESC @ | FS & | ESC a 1 | ESC E 1 | BD F0 B6 EE ("金额" in GB18030) ": 12.50" | LF | ESC E 0 | FS . |
    // ESC a 0 | "CARD ****0119" | LF | ESC d 3 | GS V 66 0 (feed and cut)
    static final String CHINESE_SLIP = "1B40 1C26 1B6101 1B4501 BDF0B6EE 3A2031322E3530 0A 1B4500 1C2E "
            + "1B6100 43415244202A2A2A2A30313139 0A 1B6403 1D564200";

    /** Records what the parser asked the mechanism to do. */
    static final class Recorder implements EscPosParser.Sink {
        final List<PrintedLine> lines = new ArrayList<>();
        final List<Integer> statusRequests = new ArrayList<>();
        int cuts;
        int lost;
        boolean online = true;

        @Override
        public boolean online() {
            return online;
        }

        @Override
        public void lost(int bytes) {
            lost += bytes;
        }

        @Override
        public void line(PrintedLine line) {
            lines.add(line);
        }

        @Override
        public void cut() {
            cuts++;
        }

        @Override
        public void status(int n) {
            statusRequests.add(n);
        }

        final List<String> pulses = new ArrayList<>();

        @Override
        public void drawerPulse(int pin, int onMillis, int offMillis) {
            pulses.add("pin " + pin + " " + onMillis + "/" + offMillis);
        }
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static void assertChineseSlip(Recorder r) {
        assertEquals("金额: 12.50", r.lines.get(0).text());
        assertEquals(1, r.lines.get(0).align(), "centred");
        assertTrue(r.lines.get(0).bold());
        assertEquals("CARD ****0119", r.lines.get(1).text());
        assertEquals(0, r.lines.get(1).align());
        assertEquals(List.of("", ""), r.lines.subList(2, 4).stream().map(PrintedLine::text).toList(), "ESC d 3 feeds");
        assertEquals(1, r.cuts);
    }

    @Test
    void chineseSlipWhole() {
        Recorder r = new Recorder();
        new EscPosParser(r).accept(bytes(CHINESE_SLIP));
        assertChineseSlip(r);
    }

    @Test
    void chineseSlipSplitInsideACharacter() {
        Recorder r = new Recorder();
        EscPosParser parser = new EscPosParser(r);
        byte[] all = bytes(CHINESE_SLIP);
        int inside = 11; // between BD and F0
        parser.accept(java.util.Arrays.copyOf(all, inside));
        parser.accept(java.util.Arrays.copyOfRange(all, inside, all.length));
        assertChineseSlip(r);
    }

    @Test
    void chineseSlipOneByteAtATime() {
        Recorder r = new Recorder();
        EscPosParser parser = new EscPosParser(r);
        for (byte b : bytes(CHINESE_SLIP)) {
            parser.accept(new byte[] {b});
        }
        assertChineseSlip(r);
    }

    @Test
    void escPKicksTheDrawerWholeAndOneByteAtATimeAndPrintsNothing() {
        // ESC p 0 50 100 (pin 2, 100 ms on, 200 ms off) | "OK" LF | ESC p '1' 25 10 (pin 5, off shorter: taken as on)
        String bytes = "1B70003264 4F4B0A 1B7031190A";
        Recorder whole = new Recorder();
        new EscPosParser(whole).accept(bytes(bytes));
        Recorder split = new Recorder();
        EscPosParser parser = new EscPosParser(split);
        for (byte b : bytes(bytes)) {
            parser.accept(new byte[] {b});
        }
        for (Recorder r : List.of(whole, split)) {
            assertEquals(List.of("pin 2 100/200", "pin 5 50/50"), r.pulses);
            assertEquals(List.of("OK"), r.lines.stream().map(PrintedLine::text).toList(), "the arguments never print");
        }
    }

    @Test
    void withoutChineseModeHighBytesAreNotChinese() {
        Recorder r = new Recorder();
        new EscPosParser(r).accept(bytes("BDF0B6EE 0A"));
        assertTrue(!r.lines.get(0).text().contains("金"));
    }

    @Test
    void commandsNotActedOnAreSkippedWithTheirData() {
        Recorder r = new Recorder();
        // "A" | GS k 4 "123" NUL (CODE39, NUL-terminated) | GS ( k 0004 31 41 32 00 (QR model) |
        // ESC * 0 0200 AA BB (2 image columns) | ESC - 1 (underline) | "B" | LF
        new EscPosParser(r).accept(bytes("41 1D6B04 313233 00 1D286B 0400 31413200 1B2A00 0200 AABB 1B2D01 42 0A"));
        assertEquals("AB", r.lines.get(0).text());
    }

    @Test
    void dleEotIsPassedOnAtOnce() {
        Recorder r = new Recorder();
        new EscPosParser(r).accept(bytes("100401 100404 100402"));
        assertEquals(List.of(1, 4, 2), r.statusRequests);
    }

    @Test
    void offlineTextIsLostNotPrinted() {
        Recorder r = new Recorder();
        r.online = false;
        // "HI" LF GS V 0
        new EscPosParser(r).accept(bytes("4849 0A 1D5600"));
        assertEquals(0, r.lines.size());
        assertEquals(0, r.cuts);
        assertEquals(2 + 1 + 3, r.lost);
    }

    @Test
    void doubleSizeFromGsExclamation() {
        Recorder r = new Recorder();
        // GS ! 0x11 (double width and height) "T" LF
        new EscPosParser(r).accept(bytes("1D2111 54 0A"));
        assertEquals(2, r.lines.get(0).width());
        assertEquals(2, r.lines.get(0).height());
    }
}
