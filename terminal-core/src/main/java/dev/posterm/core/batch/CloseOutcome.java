package dev.posterm.core.batch;

import dev.posterm.core.settlement.BatchTotals;
import java.util.Optional;

/** What a batch close came to. Only {@link Closed} starts the next batch; every other case leaves it open. */
public sealed interface CloseOutcome {
    /** Closed; files written. {@code responseCode} empty for a forced close without the host's word. */
    record Closed(int batch, BatchTotals totals, Optional<String> responseCode, String terminalTotals,
                  Optional<String> hostTotals, String csvName, String manifestName, int carriedOver)
            implements CloseOutcome {
    }

    /** Not tried: reversals or advices still wait, or the host cannot be reached (and no force). */
    record NotNow(int batch, String reason) implements CloseOutcome {
    }

    /** The host's books differ (95, or another refusal): both sides' field 63. */
    record Differs(int batch, String responseCode, String terminalTotals, Optional<String> hostTotals)
            implements CloseOutcome {
    }
}
