package dev.posterm.drivers.reader.message;

/**
 * Packed BCD as EMV uses it: two decimal digits per byte, high nibble first.
 * n fields are right-aligned with leading zeros; cn fields are left-aligned and padded with F.
 * Errors never echo the digits: some BCD fields carry card data.
 */
final class Bcd {
    private Bcd() {
    }

    /** {@code value} as n-format BCD in {@code bytes} bytes: 1250, 6 -> 00 00 00 00 12 50. */
    static byte[] numeric(long value, int bytes) {
        if (value < 0) {
            throw new IllegalArgumentException("BCD value must not be negative");
        }
        byte[] out = new byte[bytes];
        long rest = value;
        for (int i = bytes - 1; i >= 0; i--) {
            int low = (int) (rest % 10);
            rest /= 10;
            int high = (int) (rest % 10);
            rest /= 10;
            out[i] = (byte) ((high << 4) | low);
        }
        if (rest != 0) {
            throw new IllegalArgumentException("value does not fit " + (2 * bytes) + " BCD digits");
        }
        return out;
    }

    /**
     * The nibbles as characters, stopping at trailing F padding: 0-9 as digits and, when
     * {@code separator} is not 0, nibble D as that character (track 2). F is only allowed as
     * padding after the data.
     *
     * @return the text, or {@code null} if a nibble is not allowed (the caller names the tag)
     */
    static String nibbles(byte[] bytes, char separator) {
        StringBuilder text = new StringBuilder(bytes.length * 2);
        boolean padding = false;
        for (int i = 0; i < bytes.length * 2; i++) {
            int nibble = i % 2 == 0 ? (bytes[i / 2] >> 4) & 0x0F : bytes[i / 2] & 0x0F;
            if (nibble == 0x0F) {
                padding = true;
            } else if (padding) {
                return null;
            } else if (nibble <= 9) {
                text.append((char) ('0' + nibble));
            } else if (nibble == 0x0D && separator != 0) {
                text.append(separator);
            } else {
                return null;
            }
        }
        return text.toString();
    }

    /** n-format digits, no padding allowed; {@code null} if a nibble is not 0-9. */
    static String digits(byte[] bytes) {
        String text = nibbles(bytes, (char) 0);
        return text != null && text.length() == bytes.length * 2 ? text : null;
    }
}
