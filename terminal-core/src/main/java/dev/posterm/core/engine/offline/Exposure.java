package dev.posterm.core.engine.offline;

import java.time.Instant;
import java.util.Optional;

/**
 * What the terminal holds offline right now (approved, not yet settled by the host).
 *
 * @param count         offline approvals held
 * @param amount        their total, minor units
 * @param oldest        when the oldest was made
 * @param sameCardCount how many of them were made with this card (by keyed hash)
 */
public record Exposure(int count, long amount, Optional<Instant> oldest, int sameCardCount) {
    public static final Exposure NONE = new Exposure(0, 0, Optional.empty(), 0);
}
