package dev.posterm.core.engine;

import dev.posterm.drivers.reader.Tlv;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the flat BER-TLV list of a host's field 55 (hex text). Lenient by design: field 55 of a
 * response is advisory (issuer scripts, tag 91), so a malformed one yields what could be read
 * and never fails the payment.
 */
final class HexTlv {
    private HexTlv() {
    }

    static List<Tlv> parse(String hex) {
        List<Tlv> out = new ArrayList<>();
        byte[] b;
        try {
            b = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return out;
        }
        int i = 0;
        while (i < b.length) {
            int tag = b[i++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                do {
                    if (i >= b.length) {
                        return out;
                    }
                    tag = (tag << 8) | (b[i] & 0xFF);
                } while ((b[i++] & 0x80) != 0);
            }
            if (i >= b.length) {
                return out;
            }
            int len = b[i++] & 0xFF;
            if (len > 0x80) {
                int n = len & 0x7F;
                len = 0;
                for (int k = 0; k < n && i < b.length; k++) {
                    len = (len << 8) | (b[i++] & 0xFF);
                }
            }
            if (len < 0 || i + len > b.length) {
                return out;
            }
            out.add(new Tlv(tag, java.util.Arrays.copyOfRange(b, i, i + len)));
            i += len;
        }
        return out;
    }
}
