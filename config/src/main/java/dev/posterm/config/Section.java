package dev.posterm.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code [table]} of the file, read key by key. Each read checks the TOML type and, for
 * numbers, the range; a wrong value is reported and read as absent, never replaced by a default.
 * {@link #rejectUnknownKeys()} then reports every key nobody asked for, so a misspelt key is an
 * error rather than a silently ignored line.
 */
final class Section {

    private final String name;
    private final TomlValue.Table table;
    private final Problems problems;
    private final Path base;
    private final Set<String> asked = new HashSet<>();

    /** {@code base}: the folder of the config file, against which relative paths resolve. */
    Section(String name, TomlValue.Table table, Problems problems, Path base) {
        this.name = name;
        this.table = table;
        this.problems = problems;
        this.base = base;
    }

    String path(String key) {
        return name + "." + key;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return table.entries().containsKey(key);
    }

    /** The string at {@code key}; empty when absent or of the wrong type (reported). */
    Optional<String> text(String key) {
        return value(key, TomlValue.Text.class, "a string").map(TomlValue.Text::value);
    }

    /** A string that must be present; null (reported) when absent or wrong. */
    String requiredText(String key, String meaning) {
        if (!has(key)) {
            asked.add(key);
            problems.missing(path(key), "is required: " + meaning);
            return null;
        }
        return text(key).orElse(null);
    }

    /** A boolean; {@code fallback} only when absent, null (reported) when of the wrong type. */
    Boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            asked.add(key);
            return fallback;
        }
        return value(key, TomlValue.Bool.class, "true or false").map(TomlValue.Bool::value).orElse(null);
    }

    /**
     * An integer in {@code min..max}; {@code fallback} only when absent, null (reported) when of
     * the wrong type or out of range.
     */
    Long integer(String key, long fallback, long min, long max) {
        if (!has(key)) {
            asked.add(key);
            return fallback;
        }
        return optionalInteger(key, min, max).orElse(null);
    }

    /** An integer in {@code min..max} that may be absent. */
    Optional<Long> optionalInteger(String key, long min, long max) {
        Optional<Long> value = value(key, TomlValue.Int.class, "an integer").map(TomlValue.Int::value);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            problems.at(path(key), "must be " + min + ".." + max + ", was " + value.get());
            return Optional.empty();
        }
        return value;
    }

    /**
     * The path at {@code key}, made absolute: a relative path is taken relative to the config
     * file's folder (never the working directory, which is the service manager's, not the
     * operator's), so a bundle of config and data can be moved as a whole.
     */
    Optional<Path> absolutePath(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (text.get().isBlank()) {
                problems.at(path(key), "must be a path, was empty");
                return Optional.empty();
            }
            return Optional.of(base.resolve(Path.of(text.get())).normalize());
        } catch (InvalidPathException e) {
            problems.at(path(key), "is not a usable path: " + e.getReason());
            return Optional.empty();
        }
    }

    /** An absolute path to a file that exists and is readable now (a PEM certificate or key). */
    Optional<Path> readableFile(String key) {
        Optional<Path> path = absolutePath(key);
        if (path.isPresent() && !(Files.isRegularFile(path.get()) && Files.isReadable(path.get()))) {
            problems.at(path(key), "file " + path.get() + " does not exist or is not readable");
            return Optional.empty();
        }
        return path;
    }

    /** Reports every key of this table that no read asked for. */
    void rejectUnknownKeys() {
        for (String key : table.entries().keySet()) {
            if (!asked.contains(key)) {
                problems.at(path(key), "unknown key in [" + name + "] (misspelt, or not a posterm setting)");
            }
        }
    }

    /** An array at {@code key}, if present and an array (else reported). */
    Optional<java.util.List<TomlValue>> array(String key) {
        return value(key, TomlValue.Array.class, "an array").map(TomlValue.Array::items);
    }

    private <T extends TomlValue> Optional<T> value(String key, Class<T> type, String expected) {
        asked.add(key);
        TomlValue value = table.entries().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            problems.at(path(key), "must be " + expected + ", was " + value.kind());
            return Optional.empty();
        }
        return Optional.of(type.cast(value));
    }
}
