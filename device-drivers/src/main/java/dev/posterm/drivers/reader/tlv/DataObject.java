package dev.posterm.drivers.reader.tlv;

import java.util.Arrays;
import java.util.Locale;

/**
 * One BER-TLV data object as decoded from a frame body, before the codec sorts sensitive tags
 * (PAN, track 2, expiry) from the rest. {@link #toString()} shows the tag and length only.
 *
 * @param tag   1 to 4 tag bytes read as a big-endian number: {@code 0x5A}, {@code 0x9F27}
 * @param value the value bytes; constructed tags keep their nested TLVs here, undecoded
 */
public record DataObject(int tag, byte[] value) {
    public DataObject {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Bit 6 of the first tag byte: the value is itself a list of TLVs. */
    public boolean constructed() {
        return (BerTlv.tagBytes(tag)[0] & 0x20) != 0;
    }

    public String tagHex() {
        return Integer.toHexString(tag).toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataObject d && d.tag == tag && Arrays.equals(d.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return tagHex() + "[" + value.length + " bytes]";
    }
}
