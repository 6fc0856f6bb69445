package dev.posterm.simulator.reader;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Bodies of what the reader sends: {@code C} after the first GENERATE AC, {@code F} after the
 * second, {@code E} and {@code p}. Values are plausible for the card's scheme; cryptograms and the
 * unpredictable number come from a seeded generator so a run can be repeated.
 */
final class CardAnswers {
    static final String FIRMWARE = "SIMCRL1-1.0";
    static final String SERIAL = "SIM0000001";

    private final Random random = new Random(0x5EED);

    /**
     * {@code C}: 5A 5F24 57 5F34 9F26 9F27 9F10 9F36 9F37 95 9B 82 84 50 9F34 DF40 for chip and
     * contactless; magstripe and fallback swipes carry only 5A 5F24 57 9F27 DF40 (flow step 5).
     */
    byte[] cardRead(CardScript card, int atc) {
        Tlv.Builder b = new Tlv.Builder()
                .hex("5A", padF(card.pan))
                .hex("5F24", card.expiry)
                .hex("57", padF(card.pan + "D" + card.expiry.substring(0, 4) + card.serviceCode + "1234500000"));
        if (!card.entryMode.hasChipData()) {
            return b.hex("9F27", hex2(card.firstCid)).hex("DF40", hex2(card.entryMode.code)).build();
        }
        Scheme scheme = Scheme.of(card.pan);
        return b.hex("5F34", "01")
                .add("9F26", randomBytes(8))
                .hex("9F27", hex2(card.firstCid))
                .hex("9F10", scheme.iad)
                .hex("9F36", String.format("%04X", atc & 0xFFFF))
                .add("9F37", randomBytes(4))
                .hex("95", card.firstCid == 0x40 ? "0000000000" : "0000008000")
                .hex("9B", "E800")
                .hex("82", card.entryMode == EntryMode.CONTACTLESS ? "1980" : "1C00")
                .hex("84", scheme.aid)
                .ascii("50", scheme.label)
                .hex("9F34", "1F0302")
                .hex("DF40", hex2(card.entryMode.code))
                .build();
    }

    /** {@code F}: 9F27 9F26 8A (echoed when the A carried one) 95 9B. */
    byte[] finalAnswer(int cid, byte[] responseCode) {
        Tlv.Builder b = new Tlv.Builder().hex("9F27", hex2(cid)).add("9F26", randomBytes(8));
        if (responseCode != null) {
            b.add("8A", responseCode);
        }
        return b.hex("95", cid == 0x40 ? "0000008000" : "0000008040").hex("9B", "F800").build();
    }

    static byte[] error(int df50) {
        return new Tlv.Builder().hex("DF50", hex2(df50)).build();
    }

    static byte[] pong(boolean inTransaction) {
        return new Tlv.Builder()
                .add("DF01", FIRMWARE.getBytes(StandardCharsets.US_ASCII))
                .add("DF02", SERIAL.getBytes(StandardCharsets.US_ASCII))
                .hex("DF03", inTransaction ? "01" : "00")
                .build();
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hex2(int value) {
        return String.format("%02X", value);
    }

    /** Compressed numeric: digits (and the track 2 separator D) packed, padded with F to whole bytes. */
    private static String padF(String nibbles) {
        return nibbles.length() % 2 == 0 ? nibbles : nibbles + "F";
    }

    /** Scheme data keyed on the PAN's leading digits, so a custom PAN still looks consistent. */
    private enum Scheme {
        VISA("A0000000031010", "VISA CREDIT", "06010A03A00000"),
        MASTERCARD("A0000000041010", "MASTERCARD", "0110A00001220000000000000000000000FF"),
        UNIONPAY("A000000333010101", "UNIONPAY", "07010103A00000010A010000000000");

        final String aid;
        final String label;
        final String iad;

        Scheme(String aid, String label, String iad) {
            this.aid = aid;
            this.label = label;
            this.iad = iad;
        }

        static Scheme of(String pan) {
            if (pan.startsWith("62")) {
                return UNIONPAY;
            }
            return pan.startsWith("5") || pan.startsWith("2") ? MASTERCARD : VISA;
        }
    }
}
