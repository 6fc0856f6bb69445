package dev.posterm.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jackson adapter (with {@link JsonFields}, the only classes of the API that import Jackson).
 *
 * <p>Reading is strict, because a cash register that sends {@code "amount": "12.50"} has a bug
 * that must surface at the counter's first test, not as a wrong charge: duplicate keys and
 * trailing content are rejected, and fields are read from the tree by {@link JsonFields}
 * without any coercion. Writing takes plain trees of {@code Map}, {@code List}, strings and
 * numbers built by {@link Views}, so the wire shape is spelled out there, field by field.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    /** Jackson's wording for a key met twice under STRICT_DUPLICATE_DETECTION. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,64})'");

    private Json() {
    }

    /**
     * Parses a request body that must be one JSON object. The detail of a syntax error gives the
     * position but never quotes the body, which may hold a QR payment code.
     */
    static JsonFields parseObject(byte[] body) throws Refused {
        if (body.length == 0) {
            throw new Refused(ErrorCode.BAD_REQUEST, "The request body is empty; a JSON object is expected.");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                throw new Refused(ErrorCode.BAD_REQUEST, "Field '" + duplicate.group(1) + "' is given more than once;"
                        + " the request body is not valid JSON for this API.");
            }
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new Refused(ErrorCode.BAD_REQUEST, "The request body is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("reading a request body held in memory", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new Refused(ErrorCode.BAD_REQUEST, "The request body must be a JSON object.");
        }
        return new JsonFields((ObjectNode) tree);
    }

    /** UTF-8 JSON of a tree made of maps, lists, strings, numbers and booleans. */
    static byte[] write(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response tree could not be written as JSON", e);
        }
    }
}
