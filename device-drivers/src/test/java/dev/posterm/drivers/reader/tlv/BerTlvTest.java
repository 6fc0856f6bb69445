package dev.posterm.drivers.reader.tlv;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BerTlvTest {
    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void decodesOneTwoAndThreeByteTags() throws TlvException {
        // 5A 02 1234 | 9F27 01 80 | DF8101 01 07 (DF: low bits 11111 -> next; 81: bit 8 -> next; 01 last)
        List<DataObject> objects = BerTlv.decode(bytes("5A021234" + "9F270180" + "DF81010107"));
        assertEquals(List.of(new DataObject(0x5A, bytes("1234")), new DataObject(0x9F27, bytes("80")),
                new DataObject(0xDF8101, bytes("07"))), objects);
    }

    @Test
    void decodesLongFormLengths() throws TlvException {
        byte[] value = new byte[200];
        value[199] = 0x42;
        // 9F10 81 C8 <200 bytes>
        byte[] body = new byte[3 + 1 + 200];
        System.arraycopy(bytes("9F1081C8"), 0, body, 0, 4);
        System.arraycopy(value, 0, body, 4, 200);
        DataObject o = BerTlv.decode(body).getFirst();
        assertEquals(0x9F10, o.tag());
        assertArrayEquals(value, o.value());

        // 71 82 0001 AA: two-byte long form
        assertArrayEquals(bytes("AA"), BerTlv.decode(bytes("71820001AA")).getFirst().value());
    }

    @Test
    void encodesShortAndLongLengthsAndMultiByteTags() {
        assertArrayEquals(bytes("9F02060000000012505F2A020156"), BerTlv.encode(List.of(
                new DataObject(0x9F02, bytes("000000001250")), new DataObject(0x5F2A, bytes("0156")))));
        byte[] encoded = BerTlv.encode(List.of(new DataObject(0x91, new byte[130])));
        assertArrayEquals(bytes("918182"), java.util.Arrays.copyOf(encoded, 3));
        assertEquals(133, encoded.length);
        encoded = BerTlv.encode(List.of(new DataObject(0x91, new byte[300])));
        assertArrayEquals(bytes("9182012C"), java.util.Arrays.copyOf(encoded, 4));
    }

    @Test
    void skipsZeroPaddingBetweenObjects() throws TlvException {
        assertEquals(2, BerTlv.decode(bytes("00" + "9C0100" + "0000" + "9502AABB" + "00")).size());
    }

    @Test
    void keepsConstructedValuesWhole() throws TlvException {
        // 70 05 | 5A 03 123456 : constructed template, not descended into
        DataObject o = BerTlv.decode(bytes("70055A03123456")).getFirst();
        assertTrue(o.constructed());
        assertArrayEquals(bytes("5A03123456"), o.value());
        assertFalse(new DataObject(0x9F27, new byte[1]).constructed());
    }

    @Test
    void reportsTruncationClearlyWithoutEchoingValues() {
        TlvException value = assertThrows(TlvException.class, () -> BerTlv.decode(bytes("5A0847617390")));
        assertEquals("tag 5A at offset 2 declares 8 bytes, only 4 remain", value.getMessage());
        assertFalse(value.getMessage().contains("4761"));

        assertEquals("tag at offset 0 is truncated",
                assertThrows(TlvException.class, () -> BerTlv.decode(bytes("9F"))).getMessage());
        assertEquals("tag 9F27 has no length (body ends at offset 2)",
                assertThrows(TlvException.class, () -> BerTlv.decode(bytes("9F27"))).getMessage());
        assertEquals("tag 9F10 length is truncated at offset 3",
                assertThrows(TlvException.class, () -> BerTlv.decode(bytes("9F1082"))).getMessage());
        assertThrows(TlvException.class, () -> BerTlv.decode(bytes("9F1080")));  // indefinite: not EMV
    }

    @Test
    void errorsCarryOffsetsAndTagNumbersNeverTheBytes() {
        // 5A 85 47 61 73 90 01: a length form of 5 bytes, whose "length" would be PAN digits
        TlvException tooLong = assertThrows(TlvException.class, () -> BerTlv.decode(bytes("9F27018057024761" + "5A854761739001")));
        assertTrue(tooLong.getMessage().contains("offset 9"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("5A"), "the tag number is named: " + tooLong.getMessage());
        assertFalse(tooLong.getMessage().contains("85"), tooLong.getMessage());
        assertFalse(tooLong.getMessage().contains("4761"), tooLong.getMessage());
        TlvException indefinite = assertThrows(TlvException.class, () -> BerTlv.decode(bytes("9F1080")));
        assertEquals("tag 9F10 has an unsupported length form at offset 2 (indefinite)", indefinite.getMessage());
    }

    @Test
    void aValueLongerThan127BytesRoundTripsWithALongFormLength() throws TlvException {
        byte[] value = new byte[200];
        java.util.Arrays.fill(value, (byte) 0x5A);
        byte[] encoded = BerTlv.encode(List.of(new DataObject(0x9F7C, value), new DataObject(0x9C, bytes("00"))));
        assertArrayEquals(bytes("9F7C81C8"), java.util.Arrays.copyOf(encoded, 4));
        assertEquals(List.of(new DataObject(0x9F7C, value), new DataObject(0x9C, bytes("00"))), BerTlv.decode(encoded));
    }
}
