package dev.posterm.core.tamper;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.journal.AdviceRow;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.TamperTable;
import dev.posterm.core.saf.StoreAndForward;
import dev.posterm.core.vault.CardVault;
import dev.posterm.core.vault.VaultException;
import dev.posterm.drivers.gpio.InputLine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The case that defends itself. When the tamper switch reads open (while running, or already at
 * start) the terminal stops being one that can be trusted with card data:
 * <pre>
 *  switch opens ──> refuse new orders and payments (in memory, at once)
 *               ──> the vault forgets its keys ──> every key file overwritten, fsync-ed, deleted
 *               ──> journal, one commit: TAMPERED (when, how, lost count and amount)
 *                                        + every PENDING advice set aside as LOST
 *               ──> alerts TERMINAL_TAMPERED and ADVICE_LOST (count and amount)
 * </pre>
 * The keys go first, before any commit, because the point is that they are gone at once; the
 * price is a window of a few milliseconds where a power cut leaves the keys destroyed but no
 * TAMPERED row: the next start then finds the data key missing and says the waiting advices are
 * LOST (the existing start check), and trips again if the case is still open.
 *
 * <p>The state is the journal's latest {@code tamper_events} row: a restart keeps refusing (and
 * destroys any key file put back meanwhile, and never makes new keys by itself); only
 * {@link Provisioning} (the technician's {@code posterm provision}) ends it.
 */
public final class CaseGuard {
    private final Journal journal;
    private final Alerts alerts;
    private final Path dataDir;
    private final Clock clock;
    private volatile Optional<TamperTable.Event> tamperedBy;
    private CardVault vault;
    private StoreAndForward saf;

    private CaseGuard(Journal journal, Alerts alerts, Path dataDir, Clock clock, Optional<TamperTable.Event> latest) {
        this.journal = journal;
        this.alerts = alerts;
        this.dataDir = dataDir;
        this.clock = clock;
        this.tamperedBy = latest.filter(TamperTable.Event::tampered);
    }

    /** Contact bounce of a case switch is over well within this; a real opening lasts far longer. */
    static final java.time.Duration SWITCH_DEBOUNCE = java.time.Duration.ofMillis(20);

    /**
     * The case switch's input: between the pin and ground, closed while the lid holds it, with the
     * pin's pull-up, so an open case and a cut wire both read high (tampered).
     */
    public static dev.posterm.drivers.gpio.InputSpec caseSwitch(int bcmPin) {
        return new dev.posterm.drivers.gpio.InputSpec("tamper", bcmPin, dev.posterm.drivers.gpio.InputSpec.Pull.UP,
                SWITCH_DEBOUNCE);
    }

    /** Reads the tamper state from the journal; a tampered terminal's key files are destroyed again. */
    public static CaseGuard open(Journal journal, Alerts alerts, Path dataDir, Clock clock) {
        CaseGuard guard = new CaseGuard(journal, alerts, dataDir, clock, journal.read(TamperTable::latest));
        guard.tamperedBy.ifPresent(e -> {
            Logger.error("the terminal was tampered at {} ({}): it takes no payments until `posterm provision`",
                    e.at(), e.detail());
            destroyKeys(dataDir);
        });
        return guard;
    }

    public boolean tampered() {
        return tamperedBy.isPresent();
    }

    /** The TAMPERED event in force, if any. */
    public Optional<TamperTable.Event> tamperedBy() {
        return tamperedBy;
    }

    /** The card vault: the keys on disk, or none at all while tampered (no key is made by itself then). */
    public CardVault vault() {
        vault = tampered() ? CardVault.withoutKeys() : CardVault.open(dataDir);
        return vault;
    }

    /**
     * Watches the case switch (high = open). Called once everything it reports to exists, and
     * before the API opens: a case found open now trips at once.
     */
    public void watch(InputLine caseSwitch, StoreAndForward advices) {
        this.saf = advices;
        caseSwitch.onChange(open -> {
            if (open) {
                trip("the case switch opened");
            }
        });
        if (caseSwitch.isHigh()) {
            trip("the case was open when posterm started");
        }
    }

    /** The case was opened: see the class comment for the order of things. A second trip changes nothing. */
    synchronized void trip(String how) {
        if (tampered()) {
            return;
        }
        Instant now = clock.instant();
        tamperedBy = Optional.of(new TamperTable.Event(0, TamperTable.TAMPERED, now, how, 0, 0));
        Logger.error("TAMPER: {} at {}: destroying the card keys, refusing payments", how, now);
        if (vault != null) {
            vault.forget();
        }
        destroyKeys(dataDir);
        List<AdviceRow> lost = List.of();
        try {
            lost = saf.loseWaiting("the case was opened (" + how + ") and the card data key destroyed",
                    "the case was opened and the card data key they were sealed under destroyed. Settle them with"
                            + " the bank by hand", waiting -> tx -> TamperTable.record(tx, TamperTable.TAMPERED, now,
                            how, waiting.size(), sum(waiting)));
        } catch (RuntimeException e) {
            // The journal cannot take it (full, failing): the keys are gone and payments refused all the same;
            // a restart finds the data key missing and reports the waiting advices LOST then.
            Logger.error(e, "TAMPER: the tamper event could not be journaled");
        }
        tamperedBy = Optional.of(new TamperTable.Event(0, TamperTable.TAMPERED, now, how, lost.size(), sum(lost)));
        alerts.raise(Alerts.Kind.TERMINAL_TAMPERED, how + " at " + now + "; card keys destroyed; " + lost.size()
                + " offline sale" + (lost.size() == 1 ? "" : "s") + " waiting for the bank lost, " + sum(lost)
                + " in minor units. Provision the terminal again (posterm provision)");
    }

    private static long sum(List<AdviceRow> advices) {
        return advices.stream().mapToLong(AdviceRow::amount).sum();
    }

    private static void destroyKeys(Path dataDir) {
        try {
            CardVault.destroyKeys(dataDir);
        } catch (VaultException e) {
            Logger.error("TAMPER: {}", e.getMessage());
        }
    }
}
