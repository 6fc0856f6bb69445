package dev.posterm.config;

import java.nio.file.Path;

/** Reads and validates a TOML config file. Placeholder until the config module lands. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Loads {@code file}, validating every key at once.
     *
     * @throws ConfigException listing every problem with its key path and line
     */
    public static PostermConfig load(Path file) throws ConfigException {
        throw new ConfigException(file, java.util.List.of(new ConfigProblem("", 0, "config loading is not built yet")));
    }

    /** Parses TOML text (for tests and the demo, which writes its config). */
    public static PostermConfig parse(String toml, Path origin) throws ConfigException {
        throw new ConfigException(origin, java.util.List.of(new ConfigProblem("", 0, "config loading is not built yet")));
    }
}
