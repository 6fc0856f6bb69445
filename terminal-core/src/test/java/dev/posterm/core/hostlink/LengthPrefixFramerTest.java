package dev.posterm.core.hostlink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthPrefixFramerTest {
    private static final HexFormat HEX = HexFormat.of();

    /*
     * 0005 "08000"          a 5-byte body
     * 0000                  keep-alive, no body
     * 0103 "A" x 259        a 259-byte body: the high length byte counts
     * 0001 "Z"              a 1-byte body
     */
    private static final byte[] STREAM = HEX.parseHex(
            "0005" + "3038303030"
                    + "0000"
                    + "0103" + "41".repeat(259)
                    + "0001" + "5A");

    @Test
    void cutsAWholeStreamIntoBodies() {
        LengthPrefixFramer framer = new LengthPrefixFramer();

        List<byte[]> bodies = bodies(framer.accept(STREAM, 0, STREAM.length));

        assertExpectedBodies(bodies);
        assertEquals(1, framer.keepAlives());
    }

    @Test
    void cutsTheSameBodiesWhateverTheStreamIsSplitAt() {
        for (int split = 0; split <= STREAM.length; split++) {
            LengthPrefixFramer framer = new LengthPrefixFramer();
            List<byte[]> bodies = new ArrayList<>(bodies(framer.accept(STREAM, 0, split)));
            bodies.addAll(bodies(framer.accept(STREAM, split, STREAM.length - split)));
            assertExpectedBodies(bodies);
        }
    }

    @Test
    void cutsTheSameBodiesFedOneByteAtATime() {
        LengthPrefixFramer framer = new LengthPrefixFramer();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < STREAM.length; i++) {
            List<LengthPrefixFramer.Event> events = framer.accept(STREAM, i, 1);
            // nothing until the last byte of a frame
            boolean lastOfFrame = i == 6 || i == 2 + 5 + 2 + 2 + 259 - 1 || i == STREAM.length - 1;
            assertEquals(lastOfFrame ? 1 : 0, events.size(), "events after byte " + i);
            bodies.addAll(bodies(events));
        }
        assertExpectedBodies(bodies);
    }

    @Test
    void aLengthAboveTheMaximumIsReportedOnceAndStopsTheFramer() {
        LengthPrefixFramer framer = new LengthPrefixFramer();
        // 0003 "ABC" then 2001 = 8193 > 8192
        byte[] stream = HEX.parseHex("0003414243" + "2001" + "00".repeat(10));

        List<LengthPrefixFramer.Event> events = framer.accept(stream, 0, stream.length);

        assertEquals(2, events.size());
        assertArrayEquals(HEX.parseHex("414243"), assertInstanceOf(LengthPrefixFramer.Body.class, events.get(0)).bytes());
        assertEquals(new LengthPrefixFramer.Oversize(8193, 8192), events.get(1));
        assertThrows(IllegalStateException.class, () -> framer.accept(stream, 0, 1));
    }

    @Test
    void theMaximumItselfIsAccepted() {
        LengthPrefixFramer framer = new LengthPrefixFramer();
        byte[] stream = new byte[2 + 8192];
        stream[0] = 0x20; // 0x2000 = 8192

        List<LengthPrefixFramer.Event> events = framer.accept(stream, 0, stream.length);

        assertEquals(8192, assertInstanceOf(LengthPrefixFramer.Body.class, events.get(0)).bytes().length);
    }

    @Test
    void framesABodyWithItsBigEndianLength() {
        LengthPrefixFramer framer = new LengthPrefixFramer();

        assertArrayEquals(HEX.parseHex("0003414243"), framer.frame(HEX.parseHex("414243")));
        byte[] big = framer.frame(new byte[0x0123]);
        assertEquals(0x01, big[0]);
        assertEquals(0x23, big[1]);
        assertThrows(IllegalArgumentException.class, () -> framer.frame(new byte[8193]));
        assertThrows(IllegalArgumentException.class, () -> framer.frame(new byte[0]));
    }

    private static void assertExpectedBodies(List<byte[]> bodies) {
        assertEquals(3, bodies.size());
        assertArrayEquals("08000".getBytes(), bodies.get(0));
        assertArrayEquals("A".repeat(259).getBytes(), bodies.get(1));
        assertArrayEquals("Z".getBytes(), bodies.get(2));
    }

    private static List<byte[]> bodies(List<LengthPrefixFramer.Event> events) {
        List<byte[]> bodies = new ArrayList<>();
        for (LengthPrefixFramer.Event e : events) {
            assertTrue(e instanceof LengthPrefixFramer.Body, "unexpected " + e);
            bodies.add(((LengthPrefixFramer.Body) e).bytes());
        }
        return bodies;
    }
}
