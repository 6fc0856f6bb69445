package dev.posterm.core.cli;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.config.bundle.Bundle;
import dev.posterm.config.bundle.BundleCheck;
import dev.posterm.config.bundle.BundleFiles;
import dev.posterm.config.bundle.BundleOutcome;
import dev.posterm.config.bundle.BundleReport;
import dev.posterm.config.bundle.Refusal;
import dev.posterm.config.bundle.RunningTerminal;
import dev.posterm.core.errors.ErrorCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posterm config verify PATH --config FILE}: what this terminal would make of a bundle, every
 * problem at once, changing nothing. Exit 0: it would be accepted; 1: refused (the first problem
 * listed is the refusal); 2: the running config cannot be read.
 *
 * <p>The running version is the journal's (read-only: the controller may run); without a journal
 * (a terminal never started) {@code --running-version}, else the {@code [bundle] version} of the
 * running config file (0 without one). The output says which.
 */
@Command(name = "verify", description = "Check a bundle as this terminal would (signature, version, terminal,"
        + " configuration) and print every problem. Changes nothing.")
final class ConfigVerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "a stick's mount point, a posterm/ folder, or a terminal.toml"
            + " beside its .sig")
    Path path;

    @Option(names = "--config", required = true, description = "the terminal's running TOML configuration file")
    Path config;

    @Option(names = "--running-version", description = "the bundle version the terminal runs (default: the"
            + " running config file's [bundle] version, 0 without one)")
    Long runningVersion;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PostermConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("posterm: the running configuration cannot be read, so no bundle can"
                    + " be checked against it.\n" + e.getMessage());
            return ConfigCommand.UNUSABLE_INPUT;
        }
        java.util.OptionalLong journaled = journaledVersion(cfg);
        long version = runningVersion != null ? runningVersion
                : journaled.isPresent() ? journaled.getAsLong() : cfg.bundle().version();
        out.println("terminal " + cfg.terminal().id() + ", data " + cfg.data().dir() + ", running version " + version
                + (runningVersion != null ? "" : journaled.isPresent() ? " (from the journal)"
                        : " (from " + config + ": no journal yet; give --running-version if it differs)"));
        RunningTerminal running = RunningTerminal.of(cfg, version);
        switch (BundleFiles.read(path)) {
            case BundleFiles.Unreadable u -> {
                printRefusal(out, new BundleOutcome.Refused(Refusal.BUNDLE_UNREADABLE, u.reason(), List.of()));
                out.println("REFUSED: BUNDLE_UNREADABLE; nothing was changed");
                return ConfigCommand.REFUSED;
            }
            case BundleFiles.Found f -> {
                return report(out, f.bundle(), BundleCheck.check(f.bundle(), running, config));
            }
        }
    }

    /** The version the journal keeps (read-only, beside a running controller); empty without a journal of V11. */
    private static java.util.OptionalLong journaledVersion(PostermConfig cfg) {
        if (!java.nio.file.Files.exists(cfg.data().dir().resolve("journal.db"))) {
            return java.util.OptionalLong.empty();
        }
        try (dev.posterm.core.journal.Journal journal = dev.posterm.core.journal.Journal.openReadOnly(cfg.data().dir())) {
            return java.util.OptionalLong.of(journal.read(dev.posterm.core.journal.ConfigTable::running).version());
        } catch (RuntimeException e) {
            return java.util.OptionalLong.empty();   // an older journal, or none readable: the file's version
        }
    }

    private static int report(PrintWriter out, Bundle bundle, BundleReport report) {
        report.refusals().forEach(r -> printRefusal(out, r));
        report.notes().forEach(n -> out.println("  note: " + n));
        switch (report.outcome()) {
            case BundleOutcome.Accepted a -> {
                out.println("ACCEPTABLE: " + bundle.source() + " is version " + a.version() + " for terminal "
                        + a.config().terminal().id() + ", signed with trusted key " + a.signedBy()
                        + "; nothing was changed");
                return 0;
            }
            case BundleOutcome.Refused r -> {
                out.println("REFUSED: " + r.code() + (report.refusals().size() > 1 ? " (the first of "
                        + report.refusals().size() + " problems)" : "") + "; nothing was changed");
                return ConfigCommand.REFUSED;
            }
        }
    }

    private static void printRefusal(PrintWriter out, BundleOutcome.Refused r) {
        ErrorCode code = ErrorCode.valueOf(r.code().name());
        out.println(r.code() + ": " + r.message());
        out.println("  " + code.english());
        out.println("  " + code.chinese());
    }
}
