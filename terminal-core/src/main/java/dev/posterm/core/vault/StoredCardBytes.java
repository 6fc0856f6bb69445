package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The plaintext a {@link StoredCard} becomes inside the vault's ciphertext: fields as
 * tag-length-value, in ascending tag order, each at most once.
 *
 * <pre>
 *  +--------+-----------------+---------------------+
 *  | tag(1) | length(2, BE)   | value (ASCII/UTF-8) |  ... repeated
 *  +--------+-----------------+---------------------+
 *  01  PAN digits                      required
 *  02  track 2 equivalent, 'D' between optional
 *  03  expiry YYMMDD                   optional
 *  04  PAN sequence number, 2 digits   optional
 *  05  ICC data, upper-case hex        required (may be empty)
 * </pre>
 *
 * An absent optional field is simply not written. Unknown tags, tags out of order and lengths
 * running past the end are refused: inside an authenticated ciphertext they can only mean a bug or
 * a future format, never something to guess about.
 */
final class StoredCardBytes {
    static final int PAN = 0x01;
    static final int TRACK2 = 0x02;
    static final int EXPIRY = 0x03;
    static final int PAN_SEQUENCE = 0x04;
    static final int ICC = 0x05;

    private StoredCardBytes() {
    }

    static byte[] encode(StoredCard card) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + card.iccHex().length());
        field(out, PAN, card.pan().unsafeDigits());
        card.track2().ifPresent(t -> field(out, TRACK2, t.unsafeText()));
        card.expiry().ifPresent(e -> field(out, EXPIRY, e.unsafeYymmdd()));
        card.panSequence().ifPresent(n -> field(out, PAN_SEQUENCE, String.format("%02d", n)));
        field(out, ICC, card.iccHex());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int tag, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(tag);
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes, 0, bytes.length);
    }

    /** @throws IllegalArgumentException on a malformed layout (the message never holds the values) */
    static StoredCard decode(byte[] plain) {
        String[] values = new String[ICC + 1];
        int at = 0;
        int lastTag = 0;
        while (at < plain.length) {
            if (plain.length - at < 3) {
                throw new IllegalArgumentException("truncated field header at offset " + at);
            }
            int tag = plain[at] & 0xFF;
            int length = ((plain[at + 1] & 0xFF) << 8) | (plain[at + 2] & 0xFF);
            if (tag <= lastTag || tag > ICC) {
                throw new IllegalArgumentException("unexpected tag " + tag + " after tag " + lastTag);
            }
            if (plain.length - at - 3 < length) {
                throw new IllegalArgumentException("field " + tag + " runs past the end");
            }
            values[tag] = new String(plain, at + 3, length, StandardCharsets.UTF_8);
            lastTag = tag;
            at += 3 + length;
        }
        if (values[PAN] == null || values[ICC] == null) {
            throw new IllegalArgumentException("PAN or ICC field missing");
        }
        return new StoredCard(
                Pan.of(values[PAN]),
                Optional.ofNullable(values[TRACK2]).map(Track2::of),
                Optional.ofNullable(values[EXPIRY]).map(Expiry::ofYymmdd),
                Optional.ofNullable(values[PAN_SEQUENCE]).map(StoredCardBytes::panSequence),
                values[ICC]);
    }

    // Integer.valueOf would echo the text in its message; say only what is wrong.
    private static int panSequence(String text) {
        if (text.length() != 2 || !isDigit(text.charAt(0)) || !isDigit(text.charAt(1))) {
            throw new IllegalArgumentException("PAN sequence number is not 2 digits");
        }
        return Integer.parseInt(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
