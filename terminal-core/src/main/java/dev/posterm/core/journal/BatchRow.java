package dev.posterm.core.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * One batch of the journal. {@code closeStan}/{@code closeF7}/{@code closeTotals}: the 0500 of this
 * batch as journaled before it left (a repeat keeps STAN and field 7 while the totals are the same).
 *
 * @param state OPEN or CLOSED
 */
public record BatchRow(long id, int number, String state, Instant openedAt, Optional<Instant> closedAt,
                       Optional<Integer> closeStan, Optional<String> closeF7, Optional<String> closeTotals,
                       Optional<String> responseCode, Optional<String> hostTotals, boolean forced,
                       Optional<String> csvName, Optional<String> chainHead) {
}
