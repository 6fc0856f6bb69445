package dev.posterm.core.bundle;

import dev.posterm.config.PostermConfig;
import dev.posterm.config.TomlDocument;
import dev.posterm.config.bundle.Bundle;
import dev.posterm.config.bundle.BundleCheck;
import dev.posterm.config.bundle.BundleOutcome;
import dev.posterm.config.bundle.ConfigFile;
import dev.posterm.config.bundle.RunningTerminal;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.ConfigTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Where every bundle arrives (API, stick, command line): checked against the running terminal and
 * the journal's version, the attempt journaled, and an accepted bundle written over the config file
 * and handed to the {@link Taker}. One bundle at a time.
 * <pre>
 *   check (BundleCheck, the spec's order)  -- refused: journal REFUSED, tell; nothing else changes
 *   journal APPLYING (version, previous)   -- committed first: a restart finds it and rolls back
 *   replace the config file (old kept)     -- fails: journal ROLLED_BACK, the file is unchanged
 *   the taker takes it live, or at the next start
 * </pre>
 */
public final class BundleDesk {

    /** Who takes an accepted bundle into service, and who is told of every outcome. */
    public interface Taker {
        /**
         * The bundle is the config file now and journaled APPLYING; take it (returns at once).
         *
         * @param previousFile the config file's bytes before, to go back to
         */
        void take(BundleOutcome.Accepted accepted, byte[] previousFile);

        /** A bundle was refused: say so (slip, alert, event). */
        void refused(long runningVersion, BundleOutcome.Refused refusal, Source source);
    }

    private final Path configFile;
    private final ConfigLedger ledger;
    private final Supplier<PostermConfig> running;
    private final Taker taker;

    public BundleDesk(Path configFile, ConfigLedger ledger, Supplier<PostermConfig> running, Taker taker) {
        this.configFile = configFile;
        this.ledger = ledger;
        this.running = running;
        this.taker = taker;
    }

    /**
     * @throws Refused {@link ErrorCode#CONFIG_APPLYING} while another bundle is still being taken
     *                 (not journaled: the bundle was not looked at)
     * @throws IOException the accepted bundle could not be written: journaled, nothing changed
     */
    public synchronized Intake submit(Bundle bundle, Source source) throws Refused, IOException {
        ConfigTable.Running now = ledger.running();
        if (now.state() != ConfigTable.State.CONFIRMED) {
            throw new Refused(ErrorCode.CONFIG_APPLYING, "Version " + now.version() + " is still being applied;"
                    + " send this bundle again once it is applied or rolled back (GET /api/v1/config/history).");
        }
        BundleOutcome outcome = BundleCheck.check(bundle, RunningTerminal.of(running.get(), now.version()), configFile)
                .outcome();
        return switch (outcome) {
            case BundleOutcome.Refused r -> {
                Logger.warn("config bundle from {} refused: {}", bundle.source(), r);
                ledger.refused(versionOf(bundle), source, bundle.source(), r.code().name(), r.message());
                taker.refused(now.version(), r, source);
                yield new Intake.Refused(r);
            }
            case BundleOutcome.Accepted a -> {
                byte[] before = Files.readAllBytes(configFile);
                ledger.applying(a.version(), source, bundle.source(), "signed with " + a.signedBy() + "; replaces version "
                        + now.version());
                try {
                    ConfigFile.replace(configFile, a.bundle().toml());
                } catch (IOException e) {
                    ledger.rolledBack("the config file " + configFile + " could not be written: " + e.getMessage());
                    throw e;
                }
                Logger.info("config bundle version {} from {} written to {}", a.version(), bundle.source(), configFile);
                taker.take(a, before);
                yield new Intake.Taken(a.version());
            }
        };
    }

    /** The version a refused bundle claims, for the history; empty when it cannot be read that far. */
    private static OptionalLong versionOf(Bundle bundle) {
        return switch (TomlDocument.parse(new String(bundle.toml(), StandardCharsets.UTF_8))) {
            case TomlDocument.Parsed p -> p.document().integer("bundle.version");
            case TomlDocument.Unparsable u -> OptionalLong.empty();
        };
    }
}
