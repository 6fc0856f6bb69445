package dev.posterm.core.cli;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.batch.SettlementShelf;
import dev.posterm.core.journal.Journal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code posterm settlements list --config FILE}: the settlement files as {@code GET /api/v1/settlements}
 * lists them (newest first; batch, close time, name, size, fetched, SHA-256), as a table for a person.
 * Reads the journal read-only, so it runs beside the controller; times in the machine's local zone.
 * <pre>
 * Settlement files of terminal T0000001 in /var/lib/posterm/settlements
 *   BATCH   CLOSED               FILE                             SIZE  FETCHED              SHA-256
 *   000012  2026-12-03 23:30:00  settlement-T0000001-000012.csv   1234  2026-12-04 08:00:03  3f1c...
 * </pre>
 */
@Command(name = "list", description = "List the settlement files on this terminal, newest first: batch, close time,"
        + " size, whether the back office fetched them, SHA-256.")
final class SettlementsList implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--config", required = true, description = "the TOML configuration file")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PostermConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        Path dir = cfg.data().dir().resolve("settlements");
        List<SettlementShelf.Listed> files;
        try (Journal journal = Journal.openReadOnly(cfg.data().dir())) {
            files = SettlementShelf.listReadOnly(journal, dir);
        }
        PrintWriter out = spec.commandLine().getOut();
        ZoneId zone = ZoneId.systemDefault();
        out.printf("Settlement files of terminal %s in %s%n", cfg.terminal().id(), dir);
        if (files.isEmpty()) {
            out.println("  none (a file is written at each batch close)");
        } else {
            out.printf("  %-6s  %-19s  %-34s  %10s  %-19s  %s%n", "BATCH", "CLOSED", "FILE", "SIZE", "FETCHED", "SHA-256");
            for (SettlementShelf.Listed f : files) {
                out.printf("  %06d  %-19s  %-34s  %10d  %-19s  %s%n", f.batch(), when(f.closedAt(), zone), f.name(),
                        f.size(), f.fetchedAt().map(t -> when(t, zone)).orElse("not yet"), f.sha256());
            }
            long waiting = files.stream().filter(f -> !f.fetched()).count();
            out.printf("  %d file(s), %d not fetched by the back office yet; retention %d days%n", files.size(),
                    waiting, cfg.settlement().retentionDays());
        }
        out.flush();
        return 0;
    }

    private static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }
}
