package dev.posterm.drivers.reader.link;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long MS = 1_000_000L;

    // STX  LEN   SEQ TYPE ETX LRC      LRC = 00^02^00^50^03 = 51
    // 02   0002  00  50   03  51       P, seq 0, empty body
    private static final String PING = "02000200500351";

    // STX LEN  SEQ TYPE BODY                                        ETX LRC
    // 02  0013 00  70   DF01 04 "1.20" DF02 03 "SN1" DF03 01 00      03  88
    private static final String PONG = "0200130070DF0104312E3230DF0203534E31DF0301000388";

    // 02 | 0007 | 06 | 44 'D' | DF30 02 06 15 | 03 | B8 : ACK/NAK values inside a body are data
    private static final String BODY_WITH_ACK_NAK = "0200070644DF3002061503B8";

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    @Test
    void decodesAWholeFrame() {
        List<LinkEvent> events = Framer.standard().accept(bytes(PONG), 0, bytes(PONG).length, 0);

        Frame frame = assertInstanceOf(LinkEvent.FrameReceived.class, events.getFirst()).frame();
        assertEquals(1, events.size());
        assertEquals(0, frame.seq());
        assertEquals('p', frame.type());
        assertArrayEquals(bytes("DF0104312E3230DF0203534E31DF030100"), frame.body());
    }

    @Test
    void decodesTheSameFrameSplitAtEveryPosition() {
        byte[] wire = bytes(PONG);
        for (int cut = 1; cut < wire.length; cut++) {
            Framer framer = Framer.standard();
            List<LinkEvent> events = new ArrayList<>(framer.accept(wire, 0, cut, 0));
            assertTrue(events.isEmpty(), "nothing before the frame is complete, cut " + cut);
            events.addAll(framer.accept(wire, cut, wire.length - cut, MS));
            assertEquals(1, events.size(), "cut at " + cut);
            assertEquals('p', assertInstanceOf(LinkEvent.FrameReceived.class, events.getFirst()).frame().type());
        }
    }

    @Test
    void decodesOneByteAtATime() {
        byte[] wire = bytes(PING + PONG);
        Framer framer = Framer.standard();
        List<LinkEvent> events = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            events.addAll(framer.accept(wire, i, 1, i * MS));
        }
        assertEquals(2, events.size());
        assertEquals('P', ((LinkEvent.FrameReceived) events.get(0)).frame().type());
        assertEquals('p', ((LinkEvent.FrameReceived) events.get(1)).frame().type());
    }

    @Test
    void ackAndNakBytesInsideABodyAreData() {
        List<LinkEvent> events = Framer.standard().accept(bytes(BODY_WITH_ACK_NAK), 0, 12, 0);
        Frame frame = assertInstanceOf(LinkEvent.FrameReceived.class, events.getFirst()).frame();
        assertEquals(1, events.size());
        assertArrayEquals(bytes("DF30020615"), frame.body());
        assertEquals(6, frame.seq());
    }

    @Test
    void ackAndNakOutsideAFrameAreEvents() {
        byte[] wire = bytes("06" + "15" + PING + "06");
        List<LinkEvent> events = Framer.standard().accept(wire, 0, wire.length, 0);
        assertEquals(4, events.size());
        assertInstanceOf(LinkEvent.Ack.class, events.get(0));
        assertInstanceOf(LinkEvent.Nak.class, events.get(1));
        assertInstanceOf(LinkEvent.FrameReceived.class, events.get(2));
        assertInstanceOf(LinkEvent.Ack.class, events.get(3));
    }

    @Test
    void garbageBeforeStxIsDiscardedAndCounted() {
        byte[] wire = bytes("FF0041" + PING);
        Framer framer = Framer.standard();
        List<LinkEvent> events = framer.accept(wire, 0, wire.length, 0);
        assertEquals(1, events.size());
        assertInstanceOf(LinkEvent.FrameReceived.class, events.getFirst());
        assertEquals(3, framer.garbageBytes());
    }

    @Test
    void badLrcIsRejected() {
        byte[] wire = bytes("02000200500350");  // LRC should be 51
        List<LinkEvent> events = Framer.standard().accept(wire, 0, wire.length, 0);
        assertEquals(List.of(new LinkEvent.FrameRejected("bad LRC")), events);
    }

    @Test
    void missingEtxIsRejectedAndAFollowingFrameStillDecodes() {
        // 02 0002 00 50 | 02 (not ETX) ... : the 02 where ETX belongs starts the next frame
        byte[] wire = bytes("0200020050" + PING);
        List<LinkEvent> events = Framer.standard().accept(wire, 0, wire.length, 0);
        assertEquals(2, events.size());
        assertInstanceOf(LinkEvent.FrameRejected.class, events.get(0));
        assertInstanceOf(LinkEvent.FrameReceived.class, events.get(1));
    }

    @Test
    void lengthOutsideTwoTo4096IsRejected() {
        for (String len : new String[] {"0000", "0001", "1001", "FFFF"}) {
            byte[] wire = bytes("02" + len + PING);
            List<LinkEvent> events = Framer.standard().accept(wire, 0, wire.length, 0);
            assertInstanceOf(LinkEvent.FrameRejected.class, events.get(0), "LEN " + len);
            assertInstanceOf(LinkEvent.FrameReceived.class, events.get(1), "LEN " + len);
        }
    }

    @Test
    void lengthOf4096IsAccepted() {
        byte[] wire = new byte[4096 + 5];
        wire[0] = 0x02;
        wire[1] = 0x10;
        wire[2] = 0x00;
        wire[3] = 0x07;
        wire[4] = 'C';
        wire[wire.length - 2] = 0x03;
        wire[wire.length - 1] = (byte) (0x10 ^ 0x07 ^ 'C' ^ 0x03);  // body is all zero
        Frame frame = assertInstanceOf(LinkEvent.FrameReceived.class,
                Framer.standard().accept(wire, 0, wire.length, 0).getFirst()).frame();
        assertEquals(4094, frame.bodyLength());
    }

    @Test
    void aFrameThatPausesMoreThan100MsIsDropped() {
        byte[] first = bytes(PING.substring(0, 8));
        byte[] rest = bytes(PING.substring(8));
        Framer framer = Framer.standard();
        framer.accept(first, 0, first.length, 0);
        List<LinkEvent> events = framer.accept(rest, 0, rest.length, 101 * MS);
        assertTrue(events.isEmpty(), "the tail alone is garbage, not a frame");
        assertEquals(1, framer.timedOutFrames());

        byte[] again = bytes(PING);
        assertEquals(1, framer.accept(again, 0, again.length, 150 * MS).size());
    }

    @Test
    void aFrameThatPausesExactly100MsIsKept() {
        byte[] first = bytes(PING.substring(0, 8));
        byte[] rest = bytes(PING.substring(8));
        Framer framer = Framer.standard();
        framer.accept(first, 0, first.length, 0);
        assertEquals(1, framer.accept(rest, 0, rest.length, 100 * MS).size());
    }

    @Test
    void lrcIsTheXorFromLenHiToEtx() {
        // 00 ^ 13 ^ 00 ^ 70 ^ DF 01 04 31 2E 32 30 DF 02 03 53 4E 31 DF 03 01 00 ^ 03 = 88
        byte[] wire = bytes(PONG);
        assertEquals(0x88, Lrc.of(wire, 1, wire.length - 1));
        assertEquals(0x51, Lrc.of(bytes(PING), 1, 6));
    }

    @Test
    void encodesAFrameAsTheSpecLaysItOut() {
        assertEquals(PING, HEX.withUpperCase().formatHex(new Frame(0, 'P', new byte[0]).encode()));
        Frame pong = new Frame(0, 'p', bytes("DF0104312E3230DF0203534E31DF030100"));
        assertEquals(PONG, HEX.withUpperCase().formatHex(pong.encode()));
    }
}
