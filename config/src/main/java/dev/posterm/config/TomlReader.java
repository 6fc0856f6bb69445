package dev.posterm.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The adapter to Jackson's TOML mapper: the only class that imports it. Turns TOML text into our
 * {@link TomlValue} tree, or a syntax problem with its line.
 *
 * <p>Why key lines are not taken from here: {@code TomlFactory} parses the whole document into an
 * {@code ObjectNode} first and then serves a {@code TreeTraversingParser} over it, whose token
 * locations are {@code JsonLocation.NA}. Only syntax errors carry a real location. Key lines come
 * from {@link KeyLines}, which scans the text.
 */
final class TomlReader {

    /** Java-time parsing keeps dates apart from strings, so `id = 2024-01-01` is not read as text. */
    private static final TomlMapper MAPPER = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private TomlReader() {
    }

    /** The parse result: the document, or the one syntax problem that stopped the parser. */
    sealed interface Result {
    }

    record Parsed(TomlValue.Table document) implements Result {
    }

    record SyntaxError(ConfigProblem problem) implements Result {
    }

    static Result read(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new SyntaxError(syntaxProblem(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Parsed(new TomlValue.Table(Map.of()));
        }
        return new Parsed(table((ObjectNode) root));
    }

    private static ConfigProblem syntaxProblem(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        int line = where == null ? 0 : Math.max(where.getLineNr(), 0);
        return new ConfigProblem("", line, "TOML syntax error: " + e.getOriginalMessage());
    }

    private static TomlValue.Table table(ObjectNode node) {
        Map<String, TomlValue> entries = new LinkedHashMap<>();
        node.properties().forEach(e -> entries.put(e.getKey(), value(e.getValue())));
        return new TomlValue.Table(Collections.unmodifiableMap(entries));
    }

    private static TomlValue value(JsonNode node) {
        if (node.isObject()) {
            return table((ObjectNode) node);
        }
        if (node.isTextual()) {
            return new TomlValue.Text(node.textValue());
        }
        if (node.isBoolean()) {
            return new TomlValue.Bool(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? new TomlValue.Int(node.longValue())
                    : new TomlValue.Other("an integer beyond 64 bits");
        }
        if (node.isNumber()) {
            return new TomlValue.Other("a float");
        }
        if (node.isArray()) {
            java.util.List<TomlValue> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return new TomlValue.Array(java.util.List.copyOf(items));
        }
        return new TomlValue.Other("a date or time");
    }
}
