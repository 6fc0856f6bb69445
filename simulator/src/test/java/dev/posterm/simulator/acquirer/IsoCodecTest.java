package dev.posterm.simulator.acquirer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoCodecTest {
    /** An 0800 echo test written by hand: primary bitmap with bit 1 (secondary), 7, 11, 41; secondary bit 70. */
    static final String ECHO = "0800" + "8220000000800000" + "0400000000000000"
            + "0101120000" + "000007" + "T0000001" + "301";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readsSecondaryBitmapFields() {
        IsoMessage m = assertInstanceOf(IsoCodec.Ok.class, IsoCodec.parse(ascii(ECHO))).message();
        assertEquals("0800", m.mti());
        assertEquals("0101120000", m.get(7));
        assertEquals("000007", m.get(11));
        assertEquals("T0000001", m.get(41));
        assertEquals("301", m.get(70));
    }

    @Test
    void writesWhatItReads() {
        assertEquals(ECHO, new String(IsoCodec.pack(((IsoCodec.Ok) IsoCodec.parse(ascii(ECHO))).message()),
                StandardCharsets.US_ASCII));
    }

    @Test
    void nonDigitInNumericFieldIsMalformedButKeepsWhatCameBefore() {
        String bad = "0800" + "8220000000800000" + "0400000000000000" + "0101120000" + "000007" + "T0000001" + "3X1";
        IsoCodec.Malformed m = assertInstanceOf(IsoCodec.Malformed.class, IsoCodec.parse(ascii(bad)));
        assertEquals("000007", m.partial().get(11));
        assertEquals("T0000001", m.partial().get(41));
    }

    @Test
    void fieldOutsideTheProfileIsMalformed() {
        // bitmap with only field 5 (settlement amount), not in the profile
        String bad = "0200" + "0800000000000000" + "000000001250";
        assertInstanceOf(IsoCodec.Malformed.class, IsoCodec.parse(ascii(bad)));
    }

    @Test
    void trailingBytesAreMalformed() {
        assertInstanceOf(IsoCodec.Malformed.class, IsoCodec.parse(ascii(ECHO + "XX")));
    }

    @Test
    void noMtiHasNoPartial() {
        assertNull(assertInstanceOf(IsoCodec.Malformed.class, IsoCodec.parse(ascii("HELLO"))).partial());
    }

    @Test
    void lengthPrefixFramerWholeSplitAndByteByByte() {
        byte[] framed = new byte[ECHO.length() + 2];
        framed[0] = 0x00;
        framed[1] = 0x3F; // 63 characters: 4 + 32 + 10 + 6 + 8 + 3
        System.arraycopy(ascii(ECHO), 0, framed, 2, ECHO.length());
        assertEquals(63, ECHO.length());

        assertEquals(1, new LengthPrefixFramer().accept(framed).size());

        LengthPrefixFramer split = new LengthPrefixFramer();
        assertEquals(0, split.accept(java.util.Arrays.copyOf(framed, 1)).size());
        assertEquals(ECHO, new String(split.accept(java.util.Arrays.copyOfRange(framed, 1, framed.length)).get(0),
                StandardCharsets.US_ASCII));

        LengthPrefixFramer oneByOne = new LengthPrefixFramer();
        List<byte[]> got = new ArrayList<>();
        for (byte b : framed) {
            got.addAll(oneByOne.accept(new byte[] {b}));
        }
        assertEquals(1, got.size());
        assertEquals(ECHO, new String(got.get(0), StandardCharsets.US_ASCII));
    }
}
