package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.util.Objects;
import java.util.Optional;

/**
 * What store-and-forward must keep to send an 0220 later. Lives in clear only in memory; at rest it
 * is sealed by {@link CardVault}. {@code toString()} masks.
 *
 * @param iccHex field 55 as sent (EMV tags, upper-case hex), empty for swipes
 */
public record StoredCard(Pan pan, Optional<Track2> track2, Optional<Expiry> expiry, Optional<Integer> panSequence,
                         String iccHex) {
    public StoredCard {
        Objects.requireNonNull(pan, "pan");
        Objects.requireNonNull(iccHex, "iccHex");
    }

    @Override
    public String toString() {
        return "StoredCard[" + pan.masked() + "]";
    }
}
