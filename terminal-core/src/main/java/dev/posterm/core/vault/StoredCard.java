package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What store-and-forward must keep of a card to send its 0220 advice later: the PAN (field 2),
 * track 2 equivalent (field 35), expiry (field 14), PAN sequence number (field 23) and the ICC data
 * (field 55, the TC and its companions) as hex. It only ever rests on the board sealed by
 * {@link CardVault#seal}.
 *
 * <p>{@link #toString()} is masked: first six and last four of the PAN, the presence of the other
 * fields and the ICC data's length only.
 *
 * @param panSequence tag 5F34, 0..99
 * @param iccHex      field 55 as hex digits (even length, may be empty); upper-cased here
 */
public record StoredCard(Pan pan, Optional<Track2> track2, Optional<Expiry> expiry,
                         Optional<Integer> panSequence, String iccHex) {
    public StoredCard {
        Objects.requireNonNull(pan, "pan");
        Objects.requireNonNull(track2, "track2");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(panSequence, "panSequence");
        Objects.requireNonNull(iccHex, "iccHex");
        if (panSequence.isPresent() && (panSequence.get() < 0 || panSequence.get() > 99)) {
            throw new IllegalArgumentException("PAN sequence number must be 0..99 (tag 5F34 is n2)");
        }
        if (iccHex.length() % 2 != 0 || !iccHex.chars().allMatch(HexFormat::isHexDigit)) {
            // The length is safe to say; the content (it may hold tag 57 or 5A) is not.
            throw new IllegalArgumentException("ICC data must be an even number of hex digits (length " + iccHex.length() + ")");
        }
        iccHex = iccHex.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "StoredCard[pan=" + pan.masked()
                + ", track2=" + (track2.isPresent() ? "present" : "absent")
                + ", expiry=" + (expiry.isPresent() ? "present" : "absent")
                + ", panSequence=" + (panSequence.isPresent() ? "present" : "absent")
                + ", icc=" + iccHex.length() / 2 + " bytes]";
    }
}
