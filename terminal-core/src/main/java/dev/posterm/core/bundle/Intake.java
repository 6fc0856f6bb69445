package dev.posterm.core.bundle;

import dev.posterm.config.bundle.BundleOutcome;

/** What became of a bundle handed to the terminal. */
public sealed interface Intake {

    /**
     * The bundle passed every check and is now the config file; the controller takes it once no
     * payment is in progress and confirms it, or rolls it back by itself (see the history).
     */
    record Taken(long version) implements Intake {
    }

    /** A check of the spec failed: nothing changed (file, running configuration, version). */
    record Refused(BundleOutcome.Refused refusal) implements Intake {
    }
}
