package dev.posterm.core.engine.offline;

import dev.posterm.core.payment.OfflineBehavior;
import dev.posterm.core.vault.CardHash;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.TransactionType;
import java.time.Instant;
import java.util.Optional;

/**
 * One sale asking to be approved offline.
 *
 * @param panPrefix   the first digits of the PAN (at most 11), for the range blocklist
 * @param outageSince when the link was last seen working, if it is down now
 */
public record OfflineRequest(long amount, TransactionType type, EntryMode entryMode, String panPrefix,
                             CardHash cardHash, Exposure exposure, Instant now, Optional<Instant> outageSince,
                             OfflineBehavior behavior) {
}
