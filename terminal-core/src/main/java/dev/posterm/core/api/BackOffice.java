package dev.posterm.core.api;

import dev.posterm.core.batch.Batches;
import dev.posterm.core.batch.SettlementShelf;
import java.util.Objects;
import java.util.Optional;

/**
 * What the back office's calls work on: the batch desk and the settlement files. A part left out
 * answers 501 NOT_IMPLEMENTED, after the same token and role checks.
 */
public record BackOffice(Batches batches, Optional<SettlementShelf> settlements) {
    public BackOffice {
        Objects.requireNonNull(batches, "batches");
    }
}
