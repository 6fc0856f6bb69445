package dev.posterm.core.batch;

import dev.posterm.core.journal.BatchRow;
import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.settlement.SettlementRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A batch's transactions as the shift reports need them: each settlement row (the same mapping as the
 * file and field 63, so the reports never disagree with them) with the card's AID and application
 * label, which name its brand. {@code closedAt} is empty for the open batch (an X report).
 */
public record ShiftRows(int batch, Instant openedAt, Optional<Instant> closedAt, List<Entry> entries) {
    public ShiftRows {
        entries = List.copyOf(entries);
    }

    /** One transaction; {@code aid} and {@code appLabel} only for a card that was read. */
    public record Entry(SettlementRow row, Optional<String> aid, Optional<String> appLabel) {
    }

    static ShiftRows of(BatchRow batch, Optional<Instant> closedAt, List<BatchTable.Member> members) {
        return new ShiftRows(batch.number(), batch.openedAt(), closedAt, members.stream().map(m -> new Entry(
                BatchRows.row(m), m.payment().card().flatMap(CardDetails::aid),
                m.payment().card().flatMap(CardDetails::appLabel))).toList());
    }
}
