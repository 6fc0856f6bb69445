package dev.posterm.core.tamper;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.journal.AlertTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.TamperTable;
import dev.posterm.core.vault.CardVault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A technician's new provisioning of a tampered terminal, with the controller stopped: whatever
 * key file is left is destroyed, new keys are made, and one commit records PROVISIONED and clears
 * TERMINAL_TAMPERED, so the next start takes payments again. ADVICE_LOST stays open: the sales
 * lost with the old key are still the back office's to settle with the bank.
 *
 * <p>A terminal that is not tampered is left alone: new keys there would make every waiting
 * offline sale unreadable, for nothing.
 */
public final class Provisioning {
    private Provisioning() {
    }

    public sealed interface Outcome {
        /** New keys made; {@code tamperedAt} is when the case had been opened. */
        record Provisioned(Instant at, Instant tamperedAt, int lostCount, long lostAmount) implements Outcome {
        }

        /** Not tampered: nothing changed. */
        record NotTampered() implements Outcome {
        }
    }

    public static Outcome run(Journal journal, Path dataDir, Clock clock) {
        var latest = journal.read(TamperTable::latest).filter(TamperTable.Event::tampered);
        if (latest.isEmpty()) {
            return new Outcome.NotTampered();
        }
        List<String> leftover = CardVault.destroyKeys(dataDir);
        CardVault vault = CardVault.open(dataDir);
        if (!vault.createdDataKey()) {
            throw new IllegalStateException("a card data key appeared in " + dataDir.resolve("keys")
                    + " while provisioning: is posterm running? Stop it and provision again");
        }
        Instant now = clock.instant();
        journal.inTransaction(c -> {
            TamperTable.record(c, TamperTable.PROVISIONED, now, "new card keys made by posterm provision"
                    + (leftover.isEmpty() ? "" : "; destroyed first: " + leftover), 0, 0);
            AlertTable.clear(c, Alerts.Kind.TERMINAL_TAMPERED.name());
            return null;
        });
        TamperTable.Event t = latest.get();
        return new Outcome.Provisioned(now, t.at(), t.lostCount(), t.lostAmount());
    }
}
