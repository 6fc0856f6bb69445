package dev.posterm.simulator.reader;

import dev.posterm.simulator.Hex;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal BER-TLV (EMV Book 3 Annex B) for CRL/1 bodies: primitive tags of one or more bytes,
 * lengths in short form or 0x81/0x82 long form; 0x00 and 0xFF between objects are padding.
 * Tags are keyed by upper-case hex ("9F02"). Constructed tags are kept whole, not descended.
 */
final class Tlv {
    private Tlv() {
    }

    /** Parses a body; throws {@link IllegalArgumentException} when it does not hold together. */
    static Map<String, byte[]> parse(byte[] body) {
        Map<String, byte[]> tags = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length) {
            int b = body[i] & 0xFF;
            if (b == 0x00 || b == 0xFF) {
                i++;
                continue;
            }
            int tagStart = i++;
            if ((b & 0x1F) == 0x1F) {
                while (i < body.length && (body[i] & 0x80) != 0) {
                    i++;
                }
                i++;
            }
            String tag = Hex.of(java.util.Arrays.copyOfRange(body, tagStart, Math.min(i, body.length)));
            if (i >= body.length) {
                throw new IllegalArgumentException("TLV ends inside tag " + tag);
            }
            int len = body[i++] & 0xFF;
            if (len > 0x80) {
                int lenBytes = len & 0x7F;
                if (lenBytes > 2 || i + lenBytes > body.length) {
                    throw new IllegalArgumentException("bad length of tag " + tag);
                }
                len = 0;
                for (int k = 0; k < lenBytes; k++) {
                    len = (len << 8) | (body[i++] & 0xFF);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite length in tag " + tag);
            }
            if (i + len > body.length) {
                throw new IllegalArgumentException("tag " + tag + " runs past the body");
            }
            tags.put(tag, java.util.Arrays.copyOfRange(body, i, i + len));
            i += len;
        }
        return tags;
    }

    /** Builds a body tag by tag, in the order added. */
    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder add(String tagHex, byte[] value) {
            out.writeBytes(Hex.bytes(tagHex));
            if (value.length < 0x80) {
                out.write(value.length);
            } else if (value.length < 0x100) {
                out.write(0x81);
                out.write(value.length);
            } else {
                out.write(0x82);
                out.write(value.length >> 8);
                out.write(value.length & 0xFF);
            }
            out.writeBytes(value);
            return this;
        }

        Builder hex(String tagHex, String valueHex) {
            return add(tagHex, Hex.bytes(valueHex));
        }

        Builder ascii(String tagHex, String text) {
            return add(tagHex, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        byte[] build() {
            return out.toByteArray();
        }
    }
}
