package dev.posterm.drivers.reader.message;

import dev.posterm.drivers.reader.Authorisation;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.HostDecision;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import dev.posterm.drivers.reader.ReaderInfo;
import dev.posterm.drivers.reader.StartTransaction;
import dev.posterm.drivers.reader.Tlv;
import dev.posterm.drivers.reader.TransactionType;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {
    private static final String PAN = "4761739001010119";

    /*
     * 5A 08 4761739001010119          PAN cn
     * 5F24 03 251231                  expiry
     * 57 10 4761739001010119 D 25122011234567 F   track 2, F padded
     * 5F34 01 01                      PAN sequence
     * 9F27 01 80                      ARQC
     * DF40 01 01                      chip
     * 84 07 A0000000031010            AID
     * 50 04 56495341                  "VISA"
     * 9F26 08 1122334455667788        cryptogram
     * 95 02 0000                      (short TVR, fine for the codec)
     */
    static final String CARD_READ_BODY = "5A084761739001010119" + "5F2403251231"
            + "57104761739001010119D25122011234567F" + "5F340101" + "9F270180" + "DF400101"
            + "8407A0000000031010" + "500456495341" + "9F26081122334455667788" + "95020000";

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void decodesACardReadAndKeepsCardDataOutOfTextAndIccData() throws MalformedMessageException {
        CardRead read = ((ReaderMessage.Card) ReaderMessages.decode('C', bytes(CARD_READ_BODY))).read();

        assertEquals(PAN, read.pan().orElseThrow().unsafeDigits());
        assertEquals("4761739001010119D25122011234567", read.track2().orElseThrow().unsafeText());
        assertEquals("2512", read.expiry().orElseThrow().unsafeYymm());
        assertEquals(Optional.of(1), read.panSequence());
        assertEquals(Cid.ARQC, read.cid());
        assertEquals(EntryMode.CHIP, read.entryMode());
        assertEquals(Optional.of("A0000000031010"), read.aid());
        assertEquals(Optional.of("VISA"), read.applicationLabel());
        assertEquals(List.of(0x5F34, 0x9F27, 0xDF40, 0x84, 0x50, 0x9F26, 0x95),
                read.iccData().stream().map(Tlv::tag).toList(), "non-sensitive tags in frame order");

        String text = read.toString();
        assertFalse(text.contains(PAN), text);
        assertFalse(text.contains("25122011234567"), text);
        assertFalse(text.contains("251231"), text);
        assertTrue(text.contains("476173******0119"), text);
    }

    @Test
    void decodesFinalErrorAndPong() throws MalformedMessageException {
        // 9F27 01 40 | 9F26 08 8877665544332211 | 8A 02 3030
        CardFinal fin = ((ReaderMessage.Final) ReaderMessages.decode('F',
                bytes("9F2701409F260888776655443322118A023030"))).result();
        assertTrue(fin.approved());
        assertEquals(List.of(new Tlv(0x9F27, bytes("40")), new Tlv(0x9F26, bytes("8877665544332211")),
                new Tlv(0x8A, bytes("3030"))), fin.iccData());

        ReaderError error = ((ReaderMessage.Error) ReaderMessages.decode('E', bytes("DF500104"))).error();
        assertEquals(new ReaderError(ReaderErrorCode.CANCELLED, 4), error);
        ReaderError unknown = ((ReaderMessage.Error) ReaderMessages.decode('E', bytes("DF500163"))).error();
        assertEquals(new ReaderError(ReaderErrorCode.UNKNOWN, 0x63), unknown);

        // DF01 04 "1.20" | DF02 03 "SN1" | DF03 01 01
        ReaderInfo info = ((ReaderMessage.Pong) ReaderMessages.decode('p',
                bytes("DF0104312E3230DF0203534E31DF030101"))).info();
        assertEquals(new ReaderInfo("1.20", "SN1", true), info);
    }

    @Test
    void malformedBodiesGiveClearErrorsWithoutCardData() {
        // PAN with a nibble A: not cn
        String badPan = CARD_READ_BODY.replace("5A084761739001010119", "5A0847617390010101A9");
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> ReaderMessages.decode('C', bytes(badPan)));
        assertEquals("C frame: tag 5A is badly coded", e.getMessage());

        String truncated = CARD_READ_BODY.substring(0, 14);  // 5A 08 + 5 of 8 bytes
        e = assertThrows(MalformedMessageException.class, () -> ReaderMessages.decode('C', bytes(truncated)));
        assertFalse(e.getMessage().contains("4761"), e.getMessage());
        assertTrue(e.getMessage().startsWith("C frame: tag 5A"), e.getMessage());

        e = assertThrows(MalformedMessageException.class, () -> ReaderMessages.decode('F', bytes("8A023030")));
        assertEquals("F frame: tag 9F27 is missing", e.getMessage());
        assertThrows(MalformedMessageException.class, () -> ReaderMessages.decode('Q', new byte[0]));
        // expiry month 13
        String badExpiry = CARD_READ_BODY.replace("5F2403251231", "5F2403251331");
        assertEquals("C frame: tag 5F24 is badly coded", assertThrows(MalformedMessageException.class,
                () -> ReaderMessages.decode('C', bytes(badExpiry))).getMessage());
    }

    @Test
    void encodesStartAsTheSpecLaysItOut() {
        StartTransaction s = new StartTransaction(1250, 156, TransactionType.PURCHASE,
                LocalDateTime.of(2026, 3, 14, 9, 30, 5), 30, true);
        // 9F02 06 000000001250 | 5F2A 02 0156 | 9C 01 00 | 9A 03 260314 | 9F21 03 093005
        // DF10 01 1E | DF11 01 01
        String expected = "9F0206000000001250" + "5F2A020156" + "9C0100" + "9A03260314" + "9F2103093005"
                + "DF10011E" + "DF110101";
        Command c = Commands.start(s);
        assertEquals('S', c.type());
        assertEquals(expected, HexFormat.of().withUpperCase().formatHex(c.body()));

        StartTransaction refund = new StartTransaction(999_999_999_999L, 978, TransactionType.REFUND,
                LocalDateTime.of(2031, 12, 31, 23, 59, 59), 255, false);
        assertEquals("9F0206999999999999" + "5F2A020978" + "9C0120" + "9A03311231" + "9F2103235959"
                + "DF1001FF" + "DF110100", HexFormat.of().withUpperCase().formatHex(Commands.start(refund).body()));
    }

    @Test
    void encodesAuthorisationDisplayPingAndCancel() {
        Authorisation a = new Authorisation(HostDecision.HOST_APPROVED, "00", Optional.of("123456"),
                Optional.of(bytes("0102030405060708")));
        // DF20 01 01 | 8A 02 "00" | 89 06 "123456" | 91 08 0102030405060708
        assertArrayEquals(bytes("DF200101" + "8A023030" + "8906313233343536" + "91080102030405060708"),
                Commands.authorisation(a).body());
        Authorisation offline = new Authorisation(HostDecision.UNABLE_TO_GO_ONLINE, "Z3", Optional.empty(), Optional.empty());
        assertArrayEquals(bytes("DF200103" + "8A025A33"), Commands.authorisation(offline).body());

        // DF30 04 "Paý" (ý is UTF-8 C3 BD) | DF31 02 "OK" | DF32 01 05
        assertArrayEquals(bytes("DF30045061C3BD" + "DF31024F4B" + "DF320105"), Commands.display("Paý", "OK", 5).body());
        assertEquals(new Command('P', new byte[0]), Commands.ping());
        assertEquals(new Command('X', new byte[0]), Commands.cancel());
    }

    @Test
    void commandsNeverPrintTheirBody() {
        assertEquals("Command[S, 36 body bytes]", Commands.start(new StartTransaction(1250, 156,
                TransactionType.PURCHASE, LocalDateTime.of(2026, 3, 14, 9, 30, 5), 30, true)).toString());
    }

    /*
     * Recorded as a contactless Mastercard and a chip card that put card data in more places than
     * 5A and 57: track 2 data 9F6B, track 2 discretionary data 9F20, cardholder name 5F20, track 1
     * (56, 9F1F), and the templates 70, 77, 61 and BF0C wrapping 5A, 57 or 9F6B.
     */
    @Test
    void everyTagOrTemplateHoldingCardDataIsKeptOutOfIccData() throws MalformedMessageException {
        String track2 = "4761739001010119D25122011234567F";
        String body = CARD_READ_BODY
                + "9F6B10" + track2                                   // track 2 data (contactless)
                + "9F200A" + "25122011234567FFFFFF"                   // track 2 discretionary data
                + "5F200F" + "4D55454C4C45522F4A4F48414E4E20"         // "MUELLER/JOHANN "
                + "9F1F06" + "313233343536"                           // track 1 discretionary data
                + "5612" + "42343736313733393030313031303131395E"     // track 1: "B4761739001010119^"
                + "700A" + "5A084761739001010119"                     // record template holding the PAN
                + "7712" + "5710" + track2                            // format 2 template holding track 2
                + "610C" + "4F07A0000000041010" + "500100"            // application template, no card data
                + "610F" + "4F07A0000000041010" + "5A0447617390"      // application template holding a PAN
                + "BF0C15" + "7313" + "9F6B10" + track2;              // FCI discretionary data, nested twice
        CardRead read = ((ReaderMessage.Card) ReaderMessages.decode('C', bytes(body))).read();

        List<Integer> tags = read.iccData().stream().map(Tlv::tag).toList();
        for (int sensitive : List.of(0x5A, 0x57, 0x5F24, 0x9F6B, 0x9F20, 0x5F20, 0x9F1F, 0x56, 0x70, 0x77, 0xBF0C)) {
            assertFalse(tags.contains(sensitive), Integer.toHexString(sensitive) + " reached iccData: " + tags);
        }
        assertEquals(1, tags.stream().filter(t -> t == 0x61).count(), "the template without card data is kept");
        String text = read.iccData().toString();
        assertFalse(text.contains("4761739001010119"), text);
        assertFalse(text.contains("47617390"), text);
        assertFalse(text.contains("4D55454C4C4552"), "the cardholder's name: " + text);
        assertTrue(SensitiveTags.holdsCardData(0x70, bytes("5A0247")), "a template that holds a PAN");
        assertTrue(SensitiveTags.holdsCardData(0x70, bytes("5A08")), "a template whose contents do not parse");
        assertFalse(SensitiveTags.holdsCardData(0x9F26, bytes("1122334455667788")));
    }
}
