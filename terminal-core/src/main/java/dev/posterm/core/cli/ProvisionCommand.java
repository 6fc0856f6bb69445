package dev.posterm.core.cli;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.tamper.Provisioning;
import dev.posterm.core.wiring.DataDirLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posterm provision --config FILE}: brings a tampered terminal back (docs/field-guide.md,
 * "Tamper event"). Run by a technician, with the controller stopped (the data directory's lock
 * says so), as the service's user, so the new key files are the controller's own.
 */
@Command(name = "provision", description = "After a tamper event: make new card keys and let the terminal take"
        + " payments again. Stop the controller first; run as the service's user (sudo -u posterm).")
final class ProvisionCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "the TOML configuration file")
    Path config;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() throws IOException {
        PostermConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path dataDir = cfg.data().dir();
        String owner = Files.getOwner(dataDir).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            err.println("posterm provision: " + dataDir + " belongs to " + owner + ", not " + me + "; keys made now"
                    + " would not be the controller's. Run: sudo -u " + owner + " posterm provision --config " + config);
            return 1;
        }
        try (DataDirLock lock = DataDirLock.acquire(dataDir); Journal journal = Journal.open(dataDir)) {
            return switch (Provisioning.run(journal, dataDir, Clock.systemUTC())) {
                case Provisioning.Outcome.NotTampered n -> {
                    out.println("terminal " + cfg.terminal().id() + " is not in the tamper state: nothing done,"
                            + " its card keys are kept");
                    yield 0;
                }
                case Provisioning.Outcome.Provisioned p -> {
                    out.println("terminal " + cfg.terminal().id() + " provisioned at " + p.at() + ": new card keys"
                            + " made; the tamper of " + p.tamperedAt() + " is closed. Start posterm: it takes"
                            + " payments again.");
                    if (p.lostCount() > 0) {
                        out.println("  " + p.lostCount() + " offline sale(s), " + p.lostAmount() + " in minor units,"
                                + " were lost with the old key (ADVICE_LOST stays open): settle them with the bank by"
                                + " hand (posterm saf lists them).");
                    }
                    yield 0;
                }
            };
        } catch (DataDirLock.DataDirUnavailable e) {
            err.println("posterm provision: " + e.getMessage() + " (stop the controller first: systemctl stop posterm)");
            return 1;
        }
    }
}
