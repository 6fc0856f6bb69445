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

    // --- fields a host may add that the profile does not send: read, checked and kept

    /*
     * 0210 approval carrying fields of the acquirer's own: 15 settlement date, 32 acquirer id,
     * 44 additional response data, 48 additional data, 54 additional amounts, 62 private use.
     * Bitmap, byte by byte:
     *   fields  1- 8: 3 4 7          -> 0x20+0x10+0x02      = 32
     *   fields  9-16: 11 12 13 15    -> 0x20+0x10+0x08+0x02 = 3A
     *   fields 17-24: none                                  = 00
     *   fields 25-32: 32             -> 0x01                = 01
     *   fields 33-40: 37 38 39       -> 0x08+0x04+0x02      = 0E
     *   fields 41-48: 41 42 44 48    -> 0x80+0x40+0x10+0x01 = D1
     *   fields 49-56: 49 54          -> 0x80+0x04           = 84
     *   fields 57-64: 62             -> 0x04                = 04
     */
    static final String APPROVAL_WITH_EXTRAS = "0210"
            + "323A00010ED18404"                          // primary bitmap
            + "000000" + "000000001500" + "0612143016" + "000123" + "163015" + "0612"
            + "0613"                                      // 15 settlement date IFA_NUMERIC 4
            + "06" + "123456"                             // 32 acquirer id IFA_LLNUM ..11
            + "616314000042"                              // 37 RRN an12
            + "A1B2C3"                                    // 38 auth code an6
            + "00"                                        // 39 response code an2
            + "T0000001" + "MERCHANT0000001"
            + "10" + "RESP DATA1"                         // 44 IFA_LLCHAR ..25
            + "012" + "LOYALTY=0042"                      // 48 IFA_LLLCHAR ..999
            + "978"
            + "020" + "1002978C000000000500"              // 54 IFA_LLLCHAR ..120: 10 02 978 C amount
            + "006" + "INV001";                           // 62 IFA_LLLCHAR ..999

    @Test
    void anApprovalWithFieldsOutsideTheProfileDecodesAndKeepsThem() throws Exception {
        IsoMessage decoded = codec.decode(bytes(APPROVAL_WITH_EXTRAS));

        assertEquals("00", decoded.field(39).orElseThrow());
        assertEquals("A1B2C3", decoded.field(38).orElseThrow());
        assertEquals("616314000042", decoded.field(37).orElseThrow());
        assertEquals(new IsoMessage("0210", fields(
                3, "000000", 4, "000000001500", 7, "0612143016", 11, "000123", 12, "163015",
                13, "0612", 15, "0613", 32, "123456", 37, "616314000042", 38, "A1B2C3", 39, "00",
                41, "T0000001", 42, "MERCHANT0000001", 44, "RESP DATA1", 48, "LOYALTY=0042",
                49, "978", 54, "1002978C000000000500", 62, "INV001")), decoded);
    }

    @Test
    void fieldsOutsideTheProfileAreCheckedAgainstTheirPackagerFormat() {
        // 15 is IFA_NUMERIC: digits only
        assertMalformed(APPROVAL_WITH_EXTRAS.replace("0612" + "0613", "0612" + "06A3"), "field 15");
        // 32 is IFA_LLNUM: a prefix that is not digits, and content that is not digits
        assertMalformed(APPROVAL_WITH_EXTRAS.replace("06" + "123456", " 6" + "123456"), "field 32");
        // j8583 reads "0X" as 40 and runs on into later fields: refused all the same
        assertMalformed(APPROVAL_WITH_EXTRAS.replace("06" + "123456", "0X" + "123456"), "a length prefix is wrong");
        assertMalformed(APPROVAL_WITH_EXTRAS.replace("06" + "123456", "06" + "12345Z"), "field 32");
        // 44 is IFA_LLCHAR(25): 26 characters are too many even if the prefix says so
        assertMalformed(APPROVAL_WITH_EXTRAS.replace("10" + "RESP DATA1", "26" + "RESP DATA1" + "X".repeat(16)), "field 44");
        // 54 is IFA_LLLCHAR(120): a prefix longer than what is left
        assertMalformed(APPROVAL_WITH_EXTRAS.replace("020" + "1002978C", "099" + "1002978C"), "field 54");
        // still exactly one message: nothing after field 62
        assertMalformed(APPROVAL_WITH_EXTRAS + "0", "1 bytes after the last field");
    }

    /*
     * 0210 with fixed-width extras of the other packager kinds and a secondary bitmap:
     * 28 fee IFA_AMOUNT(9), 64 MAC IFA_BINARY(8) and 128 MAC IFA_BINARY(8), both as 16 hex characters.
     * Primary:   1 3 4 7 -> 0x80+0x20+0x10+0x02 = B2 | 11 -> 20 | 00 | 28 -> 10 | 39 -> 02 | 41 -> 80
     *            | 00 | 64 -> 01
     * Secondary: 128 is the last bit of the last byte -> 01
     */
    private static final String APPROVAL_WITH_MACS = "0210"
            + "B220001002800001" + "0000000000000001"
            + "000000" + "000000001500" + "0612143016" + "000123"
            + "D00000150"                                  // 28 IFA_AMOUNT: D(ebit) + 8 digits
            + "00" + "T0000001"
            + "0123456789ABCDEF"                           // 64 IFA_BINARY(8)
            + "FEDCBA9876543210";                          // 128 IFA_BINARY(8)

    @Test
    void amountAndBinaryFieldsOutsideTheProfileDecodeAsTheyTravelled() throws Exception {
        IsoMessage decoded = codec.decode(bytes(APPROVAL_WITH_MACS));

        assertEquals("00", decoded.field(39).orElseThrow());
        assertEquals("D00000150", decoded.field(28).orElseThrow());
        assertEquals("0123456789ABCDEF", decoded.field(64).orElseThrow());
        assertEquals("FEDCBA9876543210", decoded.field(128).orElseThrow());
        assertEquals(9, decoded.fields().size());

        assertMalformed(APPROVAL_WITH_MACS.replace("D00000150", "X00000150"), "field 28");
        assertMalformed(APPROVAL_WITH_MACS.replace("0123456789ABCDEF", "0123456789ABCDEG"), "field 64");
        assertMalformed(APPROVAL_WITH_MACS.substring(0, APPROVAL_WITH_MACS.length() - 1), "field 128");
    }

    /*
     * 0810 with a secondary-bitmap field besides 70: 100 receiving institution id (IFA_LLNUM ..11).
     * Primary:   1 7 -> 82 | 11 -> 20 | 00 | 00 | 39 -> 02 | 41 -> 80 | 00 | 00
     * Secondary: 65-72: 70 -> 04 | 73-96: 00 00 00 | 97-104: 100 -> 0x10 | 00 00 00
     */
    @Test
    void anEchoAnswerWithAnotherSecondaryBitmapFieldDecodes() throws Exception {
        String echoAnswer = "0810" + "8220000002800000" + "0400000010000000"
                + "0612143015" + "000042" + "00" + "T0000001" + "301"
                + "06" + "654321";                                  // 100 IFA_LLNUM

        IsoMessage decoded = codec.decode(bytes(echoAnswer));

        assertEquals("301", decoded.field(70).orElseThrow());
        assertEquals("00", decoded.field(39).orElseThrow());
        assertEquals("654321", decoded.field(100).orElseThrow());
        assertEquals(6, decoded.fields().size());
    }

    @Test
    void aFieldWeAcceptButDoNotSendIsRefusedOnEncode() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> codec.encode(new IsoMessage("0200", fields(
                3, "000000", 4, "1500", 11, "123", 41, "T0000001", 44, "RESP DATA1"))));
        assertTrue(e.getMessage().contains("field 44"), e.getMessage());

        // not even a decoded answer goes back out as it came
        IsoMessage received = codec.decode(bytes(APPROVAL_WITH_EXTRAS));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(received));
    }

    @Test
    void track1AndPinBlockAreMaskedWhenAReceivedMessageIsLogged() {
        String track1 = "B4761739001010010^DOE/JOHN^2512201";
        String pinBlock = "0412AC89ABCDEF67";
        String logged = new IsoMessage("0210", fields(11, "000123", 45, track1, 52, pinBlock)).toString();

        assertFalse(logged.contains(track1) || logged.contains(PAN) || logged.contains(pinBlock), logged);
        assertTrue(logged.contains("000123"), logged);
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
    void aBitmapAnnouncingAFieldWhoseDataIsMissingIsMalformedNamingTheField() {
        // fields 5 (0x08 in byte 1) and 64 (0x01 in byte 8) announced; the data stops after 14
        assertMalformed("0210" + "4824000000000001" + "16" + PAN + "000123" + "2512", "field 5");
    }

    @Test
    void aBitmapThatIsNotUpperCaseHexIsMalformed() {
        assertMalformed("0210" + "323800000ec08000" + "000000", "primary bitmap");
        assertMalformed("0210" + "32380000 EC08000" + "000000", "primary bitmap");
    }

    @Test
    void anMtiThatIsNotInTheProfileIsMalformed() {
        assertMalformed(WITH_PAN.replaceFirst("0200", "0300"), "MTI 0300 is not a message of the host profile");
        assertMalformed(APPROVAL_WITH_EXTRAS.replaceFirst("0210", "0110"), "MTI 0110");
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
