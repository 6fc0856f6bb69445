package dev.posterm.config;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A TOML text that parses, before any key is validated: enough to read a few keys of an untrusted
 * file (a bundle's version and terminal id are compared before the whole file is checked, as
 * {@code config-bundle.md} orders it) without handing the parsing library out of this package.
 */
public final class TomlDocument {

    private final TomlValue.Table root;
    private final KeyLines lines;

    private TomlDocument(TomlValue.Table root, KeyLines lines) {
        this.root = root;
        this.lines = lines;
    }

    /** The outcome of parsing: a document, or the syntax problem that stopped the parser. */
    public sealed interface Parse {
    }

    public record Parsed(TomlDocument document) implements Parse {
    }

    public record Unparsable(ConfigProblem problem) implements Parse {
    }

    public static Parse parse(String text) {
        TomlReader.Result result = TomlReader.read(text);
        KeyLines keyLines = KeyLines.scan(text);
        if (result instanceof TomlReader.SyntaxError error) {
            return new Unparsable(error.problem().message().contains("Duplicate key")
                    ? keyLines.duplicate().orElse(error.problem()) : error.problem());
        }
        return new Parsed(new TomlDocument(((TomlReader.Parsed) result).document(), keyLines));
    }

    /** Whether a value (of any type) is at the dotted {@code path}. */
    public boolean has(String path) {
        return value(path).isPresent();
    }

    /** The string at {@code path}, empty when absent or not a string. */
    public Optional<String> text(String path) {
        return value(path).filter(TomlValue.Text.class::isInstance).map(v -> ((TomlValue.Text) v).value());
    }

    /** The integer at {@code path}, empty when absent or not an integer. */
    public OptionalLong integer(String path) {
        return value(path).filter(TomlValue.Int.class::isInstance)
                .map(v -> OptionalLong.of(((TomlValue.Int) v).value())).orElse(OptionalLong.empty());
    }

    /** How a report names the type of the value at {@code path}: "a string", "an integer"... */
    public Optional<String> kindOf(String path) {
        return value(path).map(TomlValue::kind);
    }

    /** The 1-based line of {@code path} (or of its closest parent), 0 when it is not in the text. */
    public int lineOf(String path) {
        return lines.lineOf(path);
    }

    private Optional<TomlValue> value(String path) {
        TomlValue at = root;
        for (String part : path.split("\\.")) {
            if (!(at instanceof TomlValue.Table table) || !table.entries().containsKey(part)) {
                return Optional.empty();
            }
            at = table.entries().get(part);
        }
        return Optional.of(at);
    }
}
