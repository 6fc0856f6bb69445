package dev.posterm.drivers.reader.message;

import java.util.Set;

/**
 * Tags that carry card data and never leave the codec as a {@code Tlv}, a log line or a message:
 * 5A PAN, 57 track 2 equivalent, 5F24 expiry, 9F1F track 1 discretionary data, 56 track 1.
 */
public final class SensitiveTags {
    private static final Set<Integer> TAGS = Set.of(0x5A, 0x57, 0x5F24, 0x9F1F, 0x56);

    private SensitiveTags() {
    }

    public static boolean contains(int tag) {
        return TAGS.contains(tag);
    }
}
