package dev.posterm.core.api;

import dev.posterm.core.batch.Batches;
import dev.posterm.core.batch.SettlementShelf;
import dev.posterm.core.report.ShiftReports;
import java.util.Objects;
import java.util.Optional;

/**
 * What the back office's calls work on: the batch desk, the settlement files and the shift reports. A part left out
 * answers 501 NOT_IMPLEMENTED, after the same token and role checks.
 */
public record BackOffice(Batches batches, Optional<SettlementShelf> settlements, Optional<ShiftReports> reports) {
    public BackOffice {
        Objects.requireNonNull(batches, "batches");
    }

    public BackOffice(Batches batches, Optional<SettlementShelf> settlements) {
        this(batches, settlements, Optional.empty());
    }
}
