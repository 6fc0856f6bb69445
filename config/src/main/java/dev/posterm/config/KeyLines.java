package dev.posterm.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each key and table of a TOML text starts: dotted path to 1-based line.
 *
 * <p>Jackson's TOML parser keeps no per-key location (see {@link TomlReader}), so this scans the
 * text itself, tracking the current {@code [table]} header and recording each {@code key =} line.
 * It skips comments, the body of multi-line strings and of multi-line arrays. It only runs on text
 * the real parser accepted, so it need not judge syntax. Keys inside an inline table
 * ({@code host = { address = "..." }}) are not recorded; {@link #lineOf} then answers the line of
 * the closest recorded parent ({@code host}), which is where a technician should look.
 */
final class KeyLines {

    private final Map<String, Integer> lines = new HashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private ConfigProblem duplicate;

    private KeyLines() {
    }

    static KeyLines scan(String text) {
        KeyLines keyLines = new KeyLines();
        keyLines.scanAll(text.split("\r?\n", -1));
        return keyLines;
    }

    /** The line of {@code path}, else of its closest recorded parent, else 0. */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return 0;
    }

    /**
     * The first key assigned twice, on the line of its second assignment. Jackson reports a
     * duplicate only after peeking at the next token, often lines later; this points at the key.
     */
    Optional<ConfigProblem> duplicate() {
        return Optional.ofNullable(duplicate);
    }

    private void scanAll(String[] text) {
        String table = "";
        String openString = null; // the delimiter of a multi-line string being skipped
        int arrayDepth = 0;
        for (int i = 0; i < text.length; i++) {
            String line = text[i].strip();
            int number = i + 1;
            if (openString != null) {
                openString = line.contains(openString) ? null : openString;
                continue;
            }
            if (arrayDepth > 0) {
                arrayDepth += bracketBalance(line);
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                table = tableHeader(line);
                record(table, number);
                continue;
            }
            int equals = indexOutsideQuotes(line, '=');
            if (equals < 0) {
                continue;
            }
            String key = dotted(line.substring(0, equals));
            String path = table.isEmpty() ? key : table + "." + key;
            if (!assigned.add(path) && duplicate == null) {
                duplicate = new ConfigProblem(path, number, "is given twice (first on line " + lines.get(path) + ")");
            }
            record(path, number);
            String value = line.substring(equals + 1).strip();
            openString = opensMultilineString(value);
            if (value.startsWith("[")) {
                arrayDepth = Math.max(bracketBalance(value), 0);
            }
        }
    }

    /** Records the path and each parent of a dotted key, first occurrence wins. */
    private void record(String path, int line) {
        String p = path;
        while (!p.isEmpty()) {
            lines.putIfAbsent(p, line);
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    private static String tableHeader(String line) {
        String inner = line.startsWith("[[") ? line.substring(2) : line.substring(1);
        int close = indexOutsideQuotes(inner, ']');
        return dotted(close < 0 ? inner : inner.substring(0, close));
    }

    /** {@code a . "b" . c} to {@code a.b.c}. */
    private static String dotted(String rawKey) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (char c : rawKey.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    part.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '.') {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().strip());
        return String.join(".", parts);
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == wanted) {
                return i;
            } else if (c == '#') {
                return -1;
            }
        }
        return -1;
    }

    private static String opensMultilineString(String value) {
        for (String delimiter : new String[] {"\"\"\"", "'''"}) {
            if (value.startsWith(delimiter) && !value.substring(3).contains(delimiter)) {
                return delimiter;
            }
        }
        return null;
    }

    /** Opening minus closing brackets outside strings and comments. */
    private static int bracketBalance(String s) {
        int balance = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                break;
            } else if (c == '[') {
                balance++;
            } else if (c == ']') {
                balance--;
            }
        }
        return balance;
    }
}
