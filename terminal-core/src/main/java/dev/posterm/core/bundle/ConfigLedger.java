package dev.posterm.core.bundle;

import dev.posterm.core.journal.ConfigTable;
import dev.posterm.core.journal.Journal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The journal's side of configuration bundles: the version the terminal runs and the history of
 * every attempt ({@code config-bundle.md}: "Every attempt (time, version, source, outcome, reason)
 * is journaled"). Each method is one commit.
 */
public final class ConfigLedger {
    public static final String REFUSED = "REFUSED";
    public static final String APPLYING = "APPLYING";
    public static final String APPLIED = "APPLIED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String BUNDLE_ROLLED_BACK = "BUNDLE_ROLLED_BACK";
    /** The history as shown: enough for a year of changes, bounded for the API. */
    static final int HISTORY_LIMIT = 500;

    private final Journal journal;
    private final Clock clock;

    public ConfigLedger(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    public ConfigTable.Running running() {
        return journal.read(ConfigTable::running);
    }

    public List<ConfigTable.Attempt> history() {
        return journal.read(c -> ConfigTable.history(c, HISTORY_LIMIT));
    }

    public void refused(OptionalLong version, Source source, String origin, String code, String reason) {
        journal.inTransaction(c -> {
            ConfigTable.record(c, clock.instant(), version, source.name(), origin, REFUSED, Optional.of(code), reason);
            return null;
        });
    }

    /** Committed before the config file is replaced: a restart finding APPLYING rolls it back. */
    public void applying(long version, Source source, String origin, String reason) {
        journal.inTransaction(c -> {
            long previous = ConfigTable.running(c).version();
            ConfigTable.applying(c, version, previous, source.name(), clock.instant());
            ConfigTable.record(c, clock.instant(), OptionalLong.of(version), source.name(), origin, APPLYING,
                    Optional.empty(), reason);
            return null;
        });
    }

    /** Taken while the controller was stopped: it checks the version when it starts. */
    public void atNextStart() {
        journal.inTransaction(c -> {
            ConfigTable.state(c, ConfigTable.State.AT_NEXT_START);
            return null;
        });
    }

    /** The controller starts with a version imported while it was stopped, unconfirmed until it is checked. */
    public void checking() {
        journal.inTransaction(c -> {
            ConfigTable.state(c, ConfigTable.State.APPLYING);
            return null;
        });
    }

    public void confirmed(String reason) {
        journal.inTransaction(c -> {
            ConfigTable.Running r = ConfigTable.running(c);
            ConfigTable.confirmed(c);
            ConfigTable.record(c, clock.instant(), OptionalLong.of(r.version()), r.source().orElse(""), "",
                    APPLIED, Optional.empty(), reason);
            return null;
        });
    }

    /**
     * Back to the version before the one being applied; the history says so with
     * {@code BUNDLE_ROLLED_BACK} and why. The previous version's time and source are not kept
     * (one row of state): they read as the rollback's.
     */
    public void rolledBack(String reason) {
        journal.inTransaction(c -> {
            ConfigTable.Running r = ConfigTable.running(c);
            ConfigTable.rolledBack(c, r.previousVersion(), Optional.of(clock.instant()), Optional.of("ROLLBACK"));
            ConfigTable.record(c, clock.instant(), OptionalLong.of(r.version()), r.source().orElse(""), "",
                    ROLLED_BACK, Optional.of(BUNDLE_ROLLED_BACK), reason);
            return null;
        });
    }
}
