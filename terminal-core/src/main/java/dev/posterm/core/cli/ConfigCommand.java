package dev.posterm.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code posterm config}: signed configuration bundles ({@code shared/specs/config-bundle.md},
 * {@code docs/field-guide.md}). keygen and sign run in the office; verify on a terminal, and it
 * changes nothing there; import applies one (through the running controller when there is one).
 */
@Command(name = "config", description = "Signed configuration bundles: make an office key, sign a bundle, verify one, import one.",
        subcommands = {ConfigKeygenCommand.class, ConfigSignCommand.class, ConfigVerifyCommand.class,
                ConfigImportCommand.class})
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit status: a file given is unusable (the running config, a key, the TOML to sign). */
    static final int UNUSABLE_INPUT = 2;
    /** Exit status of verify when the terminal would refuse the bundle. */
    static final int REFUSED = 1;
}
