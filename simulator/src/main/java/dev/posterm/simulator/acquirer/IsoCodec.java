package dev.posterm.simulator.acquirer;

import java.nio.charset.StandardCharsets;

/**
 * The host profile's ISO 8583 ASCII encoding (host-link.md), written from the spec and jPOS's
 * {@code ISO87APackager} field table, independent of the controller's codec.
 * <pre>
 * MTI (4 digits) | bitmap (16 hex, 32 when bit 1 is set) | fields in number order
 * "0800" "8220000000800000" "0400000000000000" "0101120000" "000001" "T0000001" "301"
 *        ^ bits 1 (secondary), 7, 11, 41          ^ bit 70
 * </pre>
 * A {@link Malformed} carries the fields that could be read, so the host can still answer 30
 * when MTI, 11 and 41 were readable: a fixed-length field with bad content does not stop the
 * reading (its extent is known); a bad length prefix, a field outside the profile or a short
 * message does.
 */
final class IsoCodec {
    /** The outcome of reading one message. */
    sealed interface Parsed permits Ok, Malformed {
    }

    record Ok(IsoMessage message) implements Parsed {
    }

    /** {@code partial} is null when not even the MTI was readable. */
    record Malformed(IsoMessage partial, String reason) implements Parsed {
    }

    private IsoCodec() {
    }

    static Parsed parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.length() < 4 || !text.substring(0, 4).chars().allMatch(Character::isDigit)) {
            return new Malformed(null, "no MTI");
        }
        IsoMessage message = new IsoMessage(text.substring(0, 4));
        boolean[] present = new boolean[129];
        int at = readBitmap(text, 4, present);
        if (at < 0) {
            return new Malformed(message, "bitmap is not 16/32 hex characters");
        }
        String fault = null;
        for (int n = 2; n <= 128; n++) {
            if (!present[n]) {
                continue;
            }
            FieldFormat format = FieldFormat.PROFILE.get(n);
            if (format == null) {
                return new Malformed(message, "field " + n + " is not in the host profile");
            }
            int[] next = {at};
            String value = readField(text, next, format);
            if (value == null) {
                return new Malformed(message, "field " + n + " runs short or has a bad length prefix");
            }
            at = next[0];
            if (format.allows(n, value)) {
                message.set(n, value);
            } else if (fault == null) {
                // the field's extent is still known: read on, so 11 and 41 can be answered with 30
                fault = "field " + n + " does not fit its format " + format.kind();
            }
        }
        if (fault == null && at != text.length()) {
            fault = (text.length() - at) + " bytes after the last field";
        }
        return fault == null ? new Ok(message) : new Malformed(message, fault);
    }

    private static int readBitmap(String text, int at, boolean[] present) {
        int words = 1;
        for (int w = 0; w < words; w++) {
            if (text.length() < at + 16) {
                return -1;
            }
            long bits;
            try {
                bits = Long.parseUnsignedLong(text.substring(at, at + 16), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
            for (int i = 0; i < 64; i++) {
                present[w * 64 + i + 1] = (bits & (1L << (63 - i))) != 0;
            }
            at += 16;
            words = present[1] ? 2 : 1;
        }
        return at;
    }

    /** Reads a field at {@code at[0]}, advancing it; null when the text runs short or a prefix is bad. */
    private static String readField(String text, int[] at, FieldFormat format) {
        int length = format.length();
        int prefix = switch (format.kind()) {
            case LLNUM -> 2;
            case LLLCHAR -> 3;
            default -> 0;
        };
        if (prefix > 0) {
            if (text.length() < at[0] + prefix) {
                return null;
            }
            String digits = text.substring(at[0], at[0] + prefix);
            if (!digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            length = Integer.parseInt(digits);
            at[0] += prefix;
        }
        if (text.length() < at[0] + length) {
            return null;
        }
        String value = text.substring(at[0], at[0] + length);
        at[0] += length;
        return value;
    }

    /** Writes a message; every value must already fit its field (the host builds them so). */
    static byte[] pack(IsoMessage message) {
        StringBuilder out = new StringBuilder(message.mti());
        long primary = 0;
        long secondary = 0;
        for (int n : message.fields().keySet()) {
            if (n <= 64) {
                primary |= 1L << (64 - n);
            } else {
                secondary |= 1L << (128 - n);
            }
        }
        if (secondary != 0) {
            primary |= 1L << 63;
        }
        out.append(String.format("%016X", primary));
        if (secondary != 0) {
            out.append(String.format("%016X", secondary));
        }
        message.fields().forEach((n, value) -> out.append(packField(n, value)));
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String packField(int n, String value) {
        FieldFormat format = FieldFormat.PROFILE.get(n);
        if (format == null || !format.allows(n, value)) {
            throw new IllegalArgumentException("field " + n + " does not fit the host profile");
        }
        return switch (format.kind()) {
            case LLNUM -> String.format("%02d", value.length()) + value;
            case LLLCHAR -> String.format("%03d", value.length()) + value;
            default -> value;
        };
    }
}
