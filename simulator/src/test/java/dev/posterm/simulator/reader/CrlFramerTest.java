package dev.posterm.simulator.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrlFramerTest {
    // STX | LEN 0026 | SEQ 01 | 'S' | 9F02 06 000000001250 | 5F2A 02 0156 | 9C 01 00 | 9A 03 250101
    //     | 9F21 03 120000 | DF10 01 1E | DF11 01 01 | ETX | LRC 1E
    static final String S1 = "02 0026 01 53 9F0206000000001250 5F2A020156 9C0100 9A03250101 9F2103120000 DF10011E DF110101 03 1E";

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static void assertStart(List<CrlFramer.Received> got) {
        assertEquals(1, got.size());
        CrlFrame frame = assertInstanceOf(CrlFramer.Good.class, got.get(0)).frame();
        assertEquals(1, frame.seq());
        assertEquals('S', frame.type());
        assertEquals("9F0206000000001250", HexFormat.of().withUpperCase().formatHex(frame.body()).substring(0, 18));
    }

    @Test
    void wholeFrame() {
        assertStart(new CrlFramer().accept(bytes(S1), 0));
    }

    @Test
    void splitInTwo() {
        CrlFramer framer = new CrlFramer();
        byte[] all = bytes(S1);
        List<CrlFramer.Received> got = new ArrayList<>(framer.accept(java.util.Arrays.copyOf(all, 7), 0));
        assertEquals(0, got.size());
        got.addAll(framer.accept(java.util.Arrays.copyOfRange(all, 7, all.length), 1_000_000));
        assertStart(got);
    }

    @Test
    void oneByteAtATime() {
        CrlFramer framer = new CrlFramer();
        List<CrlFramer.Received> got = new ArrayList<>();
        long now = 0;
        for (byte b : bytes(S1)) {
            got.addAll(framer.accept(new byte[] {b}, now += 5_000_000));
        }
        assertStart(got);
    }

    @Test
    void garbageBeforeStxIsDiscardedAndCounted() {
        CrlFramer framer = new CrlFramer();
        assertStart(framer.accept(bytes("FF 00 41 " + S1), 0));
        assertEquals(3, framer.garbageBytes());
    }

    @Test
    void ackAndNakOutsideFramesAreLinkAnswers() {
        List<CrlFramer.Received> got = new CrlFramer().accept(bytes("06 15"), 0);
        assertInstanceOf(CrlFramer.Ack.class, got.get(0));
        assertInstanceOf(CrlFramer.Nak.class, got.get(1));
    }

    @Test
    void wrongLrcIsCorrupt() {
        // P frame 02 0002 00 50 03 with LRC 52 instead of 51
        List<CrlFramer.Received> got = new CrlFramer().accept(bytes("02 0002 00 50 03 52"), 0);
        assertInstanceOf(CrlFramer.Corrupt.class, got.get(0));
    }

    @Test
    void missingEtxIsCorrupt() {
        // LEN says 2 but the byte where ETX belongs is 04
        List<CrlFramer.Received> got = new CrlFramer().accept(bytes("02 0002 00 50 04 56"), 0);
        assertInstanceOf(CrlFramer.Corrupt.class, got.get(0));
    }

    @Test
    void lenOutOfRangeIsCorruptAtOnce() {
        List<CrlFramer.Received> got = new CrlFramer().accept(bytes("02 1001"), 0);
        assertInstanceOf(CrlFramer.Corrupt.class, got.get(0));
    }

    @Test
    void frameStalledOver100msIsDiscarded() {
        CrlFramer framer = new CrlFramer();
        assertEquals(0, framer.accept(bytes("02 0002 00"), 0).size());
        // 101 ms later the rest arrives: the partial is dropped, the rest is garbage until STX
        assertEquals(0, framer.accept(bytes("50 03 51"), 101_000_000L).size());
        assertEquals(1, framer.timedOutFrames());
        List<CrlFramer.Received> got = framer.accept(bytes("02 0002 00 50 03 51"), 102_000_000L);
        assertEquals('P', assertInstanceOf(CrlFramer.Good.class, got.get(0)).frame().type());
    }
}
