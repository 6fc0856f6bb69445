package dev.posterm.core.hostlink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages written out by hand from host-link.md and ISO87APackager's field formats. */
class Iso8583CodecTest {
    private static final String PAN = "4761739001010010";
    private static final String TRACK2 = "4761739001010010D25122011000012345";
    private static final String ICC = "9F0206000000001500";

    private final Iso8583Codec codec = new Iso8583Codec();

    /*
     * 0200 chip purchase of 15.00 EUR.
     * Bitmap, byte by byte (bit 1 = 0x80 of the first byte):
     *   fields  1- 8: 3 4 7      -> 0x20+0x10+0x02 = 32
     *   fields  9-16: 11 12 13   -> 0x20+0x10+0x08 = 38
     *   fields 17-24: 22 23      -> 0x04+0x02      = 06
     *   fields 25-32: 25         -> 0x80           = 80
     *   fields 33-40: 35         -> 0x20           = 20
     *   fields 41-48: 41 42      -> 0x80+0x40      = C0
     *   fields 49-56: 49 55      -> 0x80+0x02      = 82
     *   fields 57-64: none                         = 00
     */
    private static final String PURCHASE_0200 = "0200"
            + "3238068020C08200"                          // primary bitmap
            + "000000"                                    // 3  processing code n6
            + "000000001500"                              // 4  amount n12
            + "0612143015"                                // 7  transmission MMDDhhmmss n10
            + "000123"                                    // 11 STAN n6
            + "163015"                                    // 12 local time n6
            + "0612"                                      // 13 local date n4
            + "051"                                       // 22 entry mode n3
            + "001"                                       // 23 card sequence n3
            + "00"                                        // 25 condition code n2
            + "34" + TRACK2                               // 35 LLVAR z..37, 34 characters
            + "T0000001"                                  // 41 ans8
            + "MERCHANT0000001"                           // 42 ans15
            + "978"                                       // 49 IF_CHAR 3
            + "018" + ICC;                                // 55 LLLCHAR, 18 characters

    @Test
    void encodesAPurchaseExactlyAsWrittenByHand() {
        IsoMessage purchase = new IsoMessage("0200", fields(
                3, "000000", 4, "1500", 7, "0612143015", 11, "123", 12, "163015", 13, "0612",
                22, "051", 23, "001", 25, "00", 35, TRACK2, 41, "T0000001", 42, "MERCHANT0000001",
                49, "978", 55, ICC));

        assertEquals(PURCHASE_0200, ascii(codec.encode(purchase)));
    }

    @Test
    void decodesAPurchaseWrittenByHandWithNumericFieldsAsTheyTravelled() throws Exception {
        IsoMessage decoded = codec.decode(bytes(PURCHASE_0200));

        assertEquals("0200", decoded.mti());
        assertEquals("000000001500", decoded.field(4).orElseThrow());
        assertEquals("000123", decoded.field(11).orElseThrow());
        assertEquals(TRACK2, decoded.field(35).orElseThrow());
        assertEquals(ICC, decoded.field(55).orElseThrow());
        assertEquals(14, decoded.fields().size());
    }

    /*
     * 0210 approval. Bitmap: 3 4 7 -> 32 | 11 12 13 -> 38 | 00 | 00 | 37 38 39 -> 0x08+0x04+0x02 = 0E
     * | 41 42 -> C0 | 49 -> 80 | 00
     */
    @Test
    void decodesAnApprovalWrittenByHand() throws Exception {
        String approval = "0210" + "323800000EC08000"
                + "000000" + "000000001500" + "0612143016" + "000123" + "163015" + "0612"
                + "616314000042"                          // 37 RRN an12
                + "A1B2C3"                                // 38 auth code an6
                + "00"                                    // 39 response code an2
                + "T0000001" + "MERCHANT0000001" + "978";

        IsoMessage decoded = codec.decode(bytes(approval));

        assertEquals(new IsoMessage("0210", fields(
                3, "000000", 4, "000000001500", 7, "0612143016", 11, "000123", 12, "163015",
                13, "0612", 37, "616314000042", 38, "A1B2C3", 39, "00", 41, "T0000001",
                42, "MERCHANT0000001", 49, "978")), decoded);
    }

    @Test
    void shortTextFieldsArePaddedWithSpacesAsIfChar() {
        // 41 ans8 "T1" -> "T1      "; bitmap: 41 -> byte 6 = 80; 11 -> byte 2 = 20
        IsoMessage echo = new IsoMessage("0800", fields(11, "7", 41, "T1"));

        assertEquals("0800" + "0020000000800000" + "000007" + "T1      ", ascii(codec.encode(echo)));
    }

    /*
     * 0400 reversal with field 90: needs the secondary bitmap (bit 1).
     * Primary: 1 3 4 7 -> 0x80+0x20+0x10+0x02 = B2 | 11 -> 20 | 00 | 00 | 00 | 41 -> 80 | 49 -> 80 | 00
     * Secondary (fields 65-128): 90 is the 2nd bit of the 4th byte (89-96) -> 0x40.
     */
    private static final String REVERSAL_0400 = "0400"
            + "B220000000808000"                          // primary bitmap, bit 1 set
            + "0000004000000000"                          // secondary bitmap
            + "000000" + "000000001500" + "0612143100" + "000123" + "T0000001" + "978"
            + "0200" + "000123" + "0612143015" + "0000000000000000000000";  // 90 n42

    @Test
    void encodesAndDecodesField90WithASecondaryBitmap() throws Exception {
        IsoMessage reversal = new IsoMessage("0400", fields(
                3, "000000", 4, "000000001500", 7, "0612143100", 11, "000123", 41, "T0000001", 49, "978",
                90, "0200" + "000123" + "0612143015" + "0".repeat(22)));

        assertEquals(REVERSAL_0400, ascii(codec.encode(reversal)));
        assertEquals(reversal, codec.decode(bytes(REVERSAL_0400)));
    }

    /* 0810: primary 1 7 -> 82 | 11 -> 20 | 00 00 00 | 39 -> 02 | 41 -> 80 | 00 00; secondary 70 -> 04. */
    @Test
    void decodesAnEchoAnswerWithField70() throws Exception {
        String echoAnswer = "0810" + "8220000002800000" + "0400000000000000"
                + "0612143015" + "000042" + "00" + "T0000001" + "301";

        IsoMessage decoded = codec.decode(bytes(echoAnswer));

        assertEquals("301", decoded.field(70).orElseThrow());
        assertEquals("00", decoded.field(39).orElseThrow());
    }

    @Test
    void refusesToEncodeWhatTheProfileCannotCarryWithoutQuotingTheValue() {
        var tooLong = assertThrows(IllegalArgumentException.class, () -> codec.encode(
                new IsoMessage("0200", fields(2, PAN + "12345", 11, "1"))));
        assertFalse(tooLong.getMessage().contains(PAN), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("field 2"), tooLong.getMessage());

        assertThrows(IllegalArgumentException.class, () -> codec.encode(new IsoMessage("0200", fields(4, "15.00"))));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new IsoMessage("0200", fields(41, "TERMINAL9"))));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new IsoMessage("0200", fields(5, "1"))));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new IsoMessage("0300", fields(11, "1"))));
    }

    // --- malformed input: each must be refused, naming the problem, never quoting card data

    /* 0200 with 2 (LLVAR) 11 14: primary 2 -> 40 | 11 14 -> 0x20+0x04 = 24 | rest 00. */
    private static final String WITH_PAN = "0200" + "4024000000000000" + "16" + PAN + "000123" + "2512";

    @Test
    void theCardMessageUsedBelowIsItselfWellFormed() throws Exception {
        assertEquals(PAN, codec.decode(bytes(WITH_PAN)).field(2).orElseThrow());
    }

    @Test
    void aLengthPrefixThatIsNotDigitsIsMalformed() {
        assertMalformed(WITH_PAN.replace("16" + PAN, "1X" + PAN), "field 2");
        assertMalformed(WITH_PAN.replace("16" + PAN, "!6" + PAN), "field 2");
    }

    @Test
    void aLengthPrefixLongerThanTheDataIsMalformed() {
        assertMalformed(WITH_PAN.replace("16" + PAN, "99" + PAN), "field 2");
    }

    @Test
    void nonDigitsInANumericFieldAreMalformed() {
        assertMalformed(WITH_PAN.replace("0001232512", "00012325A2"), "field 14");
        assertMalformed(PURCHASE_0200.replace("000000001500", "0000000015.0"), "field 4");
    }

    @Test
    void aTruncatedMessageIsMalformed() {
        assertMalformed(WITH_PAN.substring(0, WITH_PAN.length() - 2), "field 14");
        assertMalformed(PURCHASE_0200.substring(0, PURCHASE_0200.length() - 5), "field 55");
        assertMalformed("0210" + "3238", "truncated");
        assertMalformed(REVERSAL_0400.substring(0, 25), "secondary bitmap");
    }

    @Test
    void bytesAfterTheLastFieldAreMalformed() {
        assertMalformed(WITH_PAN + "00", "2 bytes after the last field");
    }

    @Test
    void aBitmapAnnouncingFieldsOutsideTheProfileIsMalformed() {
        // field 5 (0x08 in byte 1) and field 64 (0x01 in byte 8)
        assertMalformed("0210" + "4824000000000001" + "16" + PAN + "000123" + "2512", "not in the host profile: 5, 64");
    }

    @Test
    void aBitmapThatIsNotUpperCaseHexIsMalformed() {
        assertMalformed("0210" + "323800000ec08000" + "000000", "primary bitmap");
        assertMalformed("0210" + "32380000 EC08000" + "000000", "primary bitmap");
    }

    @Test
    void anMtiThatIsNotInTheProfileIsMalformed() {
        assertMalformed(WITH_PAN.replaceFirst("0200", "0300"), "MTI 0300");
        assertMalformed(WITH_PAN.replaceFirst("0200", "02X0"), "MTI is not 4 ASCII digits");
    }

    @Test
    void textFieldsWithBytesOutsidePrintableAsciiAreMalformed() {
        byte[] echo = bytes("0810" + "0020000002800000" + "000042" + "00" + "T0000001");
        echo[echo.length - 1] = (byte) 0xC3;
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(echo));
        assertTrue(e.getMessage().contains("field 41"), e.getMessage());
    }

    private void assertMalformed(String message, String expectedWords) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(bytes(message)));
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
        for (String secret : new String[]{PAN, TRACK2, ICC, "2512", "25A2", PAN.substring(6)}) {
            assertFalse(e.getMessage().contains(secret), "card data in: " + e.getMessage());
        }
    }

    static Map<Integer, String> fields(Object... numberThenValue) {
        Map<Integer, String> map = new TreeMap<>();
        for (int i = 0; i < numberThenValue.length; i += 2) {
            map.put((Integer) numberThenValue[i], (String) numberThenValue[i + 1]);
        }
        return map;
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] bytes) {
        assertArrayEquals(bytes, new String(bytes, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII));
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
