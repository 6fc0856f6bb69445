package dev.posterm.drivers.reader;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One BER-TLV data object: a tag (1 to 3 bytes, as an int: 0x9F27) and its value.
 * Holds non-sensitive EMV data only; sensitive tags become {@link Pan}, {@link Track2} and
 * {@link Expiry} at the codec and never travel as a {@code Tlv}.
 */
public record Tlv(int tag, byte[] value) {
    public Tlv {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String tagHex() {
        return Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT);
    }

    public String valueHex() {
        return HexFormat.of().withUpperCase().formatHex(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv other && other.tag == tag && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return tagHex() + "=" + valueHex();
    }
}
