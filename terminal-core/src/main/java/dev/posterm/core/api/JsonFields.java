package dev.posterm.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one request object, read without coercion: an integer field takes a JSON
 * integer only (not {@code "1250"}, not {@code 12.5}, not {@code 1250.0}), a text field a JSON
 * string only. Every refusal names the field. An optional field given as {@code null} counts as
 * absent; a required one given as {@code null} counts as missing.
 */
final class JsonFields {
    private final ObjectNode object;

    JsonFields(ObjectNode object) {
        this.object = object;
    }

    /** Refuses any field not in {@code allowed}, naming the first such field and the allowed ones. */
    void allowOnly(Set<String> allowed) throws Refused {
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new Refused(ErrorCode.BAD_REQUEST, "Unknown field '" + unknown.getFirst()
                    + "'; this call accepts only: " + String.join(", ", new TreeSet<>(allowed)) + ".");
        }
    }

    String requiredText(String name) throws Refused {
        return optionalText(name).orElseThrow(() -> missing(name));
    }

    Optional<String> optionalText(String name) throws Refused {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a JSON string", node);
        }
        return Optional.of(node.textValue());
    }

    Optional<Boolean> optionalBoolean(String name) throws Refused {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "true or false", node);
        }
        return Optional.of(node.booleanValue());
    }

    long requiredInteger(String name) throws Refused {
        return optionalInteger(name).orElseThrow(() -> missing(name));
    }

    Optional<Long> optionalInteger(String name) throws Refused {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber()) {
            throw wrongType(name, "a JSON integer", node);
        }
        if (!node.canConvertToLong()) {
            throw new Refused(ErrorCode.BAD_REQUEST, "Field '" + name + "' is too large.");
        }
        return Optional.of(node.longValue());
    }

    private static Refused missing(String name) {
        return new Refused(ErrorCode.BAD_REQUEST, "Field '" + name + "' is required.");
    }

    private static Refused wrongType(String name, String expected, JsonNode given) {
        return new Refused(ErrorCode.BAD_REQUEST,
                "Field '" + name + "' must be " + expected + ", not " + describe(given) + ".");
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number with a fraction or exponent";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
