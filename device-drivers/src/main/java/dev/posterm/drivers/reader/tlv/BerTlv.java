package dev.posterm.drivers.reader.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * BER-TLV as EMV Book 3 Annex B uses it.
 *
 * <pre>
 * tag:    b1 [b2 ...]   b1 low 5 bits all 1 (xxx11111) -> more tag bytes follow;
 *                       each following byte with bit 8 set -> one more follows
 * length: 0xxxxxxx      short form, 0..127
 *         1nnnnnnn L..  long form, n (1..3 here) length bytes follow, big-endian
 * value:  length bytes; constructed tags (b1 bit 6 set) are kept whole, not descended into
 * </pre>
 * '00' bytes before, between or after data objects are padding (Annex B) and skipped.
 */
public final class BerTlv {
    private static final int MAX_TAG_BYTES = 4;
    private static final int MAX_LENGTH_BYTES = 3;

    private BerTlv() {
    }

    /** Decodes a whole body into its top-level data objects, in order. */
    public static List<DataObject> decode(byte[] bytes) throws TlvException {
        List<DataObject> objects = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            if (bytes[pos[0]] == 0x00) {
                pos[0]++;
                continue;
            }
            int tag = readTag(bytes, pos);
            int length = readLength(bytes, pos, tag);
            if (length > bytes.length - pos[0]) {
                throw new TlvException("tag " + hex(tag) + " at offset " + pos[0] + " declares "
                        + length + " bytes, only " + (bytes.length - pos[0]) + " remain");
            }
            byte[] value = java.util.Arrays.copyOfRange(bytes, pos[0], pos[0] + length);
            pos[0] += length;
            objects.add(new DataObject(tag, value));
        }
        return objects;
    }

    private static int readTag(byte[] bytes, int[] pos) throws TlvException {
        int start = pos[0];
        int b = bytes[pos[0]++] & 0xFF;
        int tag = b;
        boolean more = (b & 0x1F) == 0x1F;
        while (more) {
            if (pos[0] >= bytes.length) {
                throw new TlvException("tag at offset " + start + " is truncated");
            }
            if (pos[0] - start >= MAX_TAG_BYTES) {
                throw new TlvException("tag at offset " + start + " is longer than " + MAX_TAG_BYTES + " bytes");
            }
            b = bytes[pos[0]++] & 0xFF;
            tag = (tag << 8) | b;
            more = (b & 0x80) != 0;
        }
        return tag;
    }

    private static int readLength(byte[] bytes, int[] pos, int tag) throws TlvException {
        if (pos[0] >= bytes.length) {
            throw new TlvException("tag " + hex(tag) + " has no length (body ends at offset " + pos[0] + ")");
        }
        int at = pos[0];
        int first = bytes[pos[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > MAX_LENGTH_BYTES) {
            // The byte itself is not quoted: errors carry offsets and tag numbers, never the bytes.
            throw new TlvException("tag " + hex(tag) + " has an unsupported length form at offset " + at
                    + (count == 0 ? " (indefinite)" : " (" + count + " length bytes; at most " + MAX_LENGTH_BYTES + ")"));
        }
        if (count > bytes.length - pos[0]) {
            throw new TlvException("tag " + hex(tag) + " length is truncated at offset " + pos[0]);
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (bytes[pos[0]++] & 0xFF);
        }
        return length;
    }

    /** Encodes data objects in order, with the shortest length form. */
    public static byte[] encode(List<DataObject> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DataObject o : objects) {
            out.writeBytes(tagBytes(o.tag()));
            out.writeBytes(lengthBytes(o.length()));
            out.writeBytes(o.value());
        }
        return out.toByteArray();
    }

    /** The tag number as its wire bytes: {@code 0x9F27 -> 9F 27}. */
    public static byte[] tagBytes(int tag) {
        int n = (tag & 0xFF000000) != 0 ? 4 : (tag & 0xFF0000) != 0 ? 3 : (tag & 0xFF00) != 0 ? 2 : 1;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (tag >>> (8 * (n - 1 - i)));
        }
        return out;
    }

    static byte[] lengthBytes(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length <= 0xFFFF) {
            return new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    private static String hex(int value) {
        return Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
}
