package dev.posterm.drivers.reader.message;

import dev.posterm.drivers.reader.tlv.BerTlv;
import dev.posterm.drivers.reader.tlv.DataObject;
import dev.posterm.drivers.reader.tlv.TlvException;
import java.util.Set;

/**
 * Tags that carry card data and never leave the codec as a {@code Tlv}, a log line, a message or
 * anything kept unsealed. The one list of them; field 55 and the sealed card data are built only
 * from what passes it.
 *
 * <pre>
 *  5A    PAN                              57    track 2 equivalent data
 *  5F24  expiry date                      5F20  cardholder name
 *  9F1F  track 1 discretionary data       56    track 1 data
 *  9F20  track 2 discretionary data       9F6B  track 2 data (contactless, Mastercard)
 * </pre>
 * A constructed template (70 record template, 77 response format 2, 61 application template, BF0C
 * FCI issuer discretionary data, 6F, A5 ...) is sensitive when any object inside it, at any depth,
 * is; one whose contents do not parse as BER-TLV is treated as sensitive too, since what it hides
 * cannot be known.
 */
public final class SensitiveTags {
    private static final Set<Integer> TAGS = Set.of(0x5A, 0x57, 0x5F24, 0x5F20, 0x9F1F, 0x56, 0x9F20, 0x9F6B);
    /** Nesting deeper than this is not EMV: refuse to look and call it sensitive. */
    private static final int MAX_DEPTH = 8;

    private SensitiveTags() {
    }

    /** True for a tag on the list (by number alone; a template needs {@link #holdsCardData}). */
    public static boolean contains(int tag) {
        return TAGS.contains(tag);
    }

    /** True if {@code tag} is on the list, or is a constructed template that holds one of them. */
    public static boolean holdsCardData(int tag, byte[] value) {
        return holdsCardData(new DataObject(tag, value), 0);
    }

    private static boolean holdsCardData(DataObject o, int depth) {
        if (TAGS.contains(o.tag())) {
            return true;
        }
        if (!o.constructed()) {
            return false;
        }
        if (depth >= MAX_DEPTH) {
            return true;
        }
        try {
            for (DataObject inner : BerTlv.decode(o.value())) {
                if (holdsCardData(inner, depth + 1)) {
                    return true;
                }
            }
            return false;
        } catch (TlvException e) {
            return true;
        }
    }
}
