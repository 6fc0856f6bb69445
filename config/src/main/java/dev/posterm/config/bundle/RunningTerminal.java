package dev.posterm.config.bundle;

import dev.posterm.config.PostermConfig;

import java.nio.file.Path;

/**
 * What a bundle is checked against: the terminal as it runs now.
 *
 * @param version    the bundle version it runs (the journal keeps it; 0 before the first bundle)
 * @param terminalId its {@code terminal.id}
 * @param dataDir    its {@code data.dir}, absolute
 * @param trustedKeys the folder of the office keys it trusts: {@code <data.dir>/trusted-keys/} as the
 *                   spec says; a component of its own only so a test can keep keys apart from a data.dir
 *                   it cannot create
 */
public record RunningTerminal(long version, String terminalId, Path dataDir, Path trustedKeys) {

    public static final String TRUSTED_KEYS = "trusted-keys";

    public RunningTerminal {
        if (version < 0) {
            throw new IllegalArgumentException("a running version is 0 or more, was " + version);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The spec's layout: the trusted keys in {@code trusted-keys/} below the data dir. */
    public RunningTerminal(long version, String terminalId, Path dataDir) {
        this(version, terminalId, dataDir, dataDir.toAbsolutePath().normalize().resolve(TRUSTED_KEYS));
    }

    public static RunningTerminal of(PostermConfig running, long version) {
        return new RunningTerminal(version, running.terminal().id(), running.data().dir());
    }
}
