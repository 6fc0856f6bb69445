package dev.posterm.core.settlement;

import java.nio.file.Path;

/** What publishing a batch's settlement files came to. Faults (disk full, I/O errors) are IOExceptions. */
public sealed interface WriteOutcome {
    /** Both files are in place, durable, and will never change. */
    record Written(Path csv, Path manifest, long rows, long csvSize, String sha256, String chainStart,
                   String chainHead, BatchTotals totals) implements WriteOutcome {
    }

    /** This batch's manifest exists already: nothing was changed (a settlement file is never rewritten). */
    record AlreadyWritten(Path manifest) implements WriteOutcome {
    }

    /**
     * A CSV of this name exists without its manifest (a close that died between the two renames) and
     * holds other bytes than this one: it is left for a person to look at, and nothing was written.
     */
    record Conflict(Path csv, String why) implements WriteOutcome {
    }
}
