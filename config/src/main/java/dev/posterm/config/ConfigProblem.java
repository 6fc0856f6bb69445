package dev.posterm.config;

/**
 * One thing wrong with a config file.
 *
 * @param keyPath dotted TOML key, e.g. "offline.floor_limit" ("" for the file as a whole)
 * @param line    1-based line in the file, or 0 when the key is missing
 * @param message what is wrong and what is expected, in English
 */
public record ConfigProblem(String keyPath, int line, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? "line " + line + ": " : "";
        return where + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
