package dev.posterm.core.settlement;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Jackson adapter of this package (its only class that imports Jackson). Writing spells out the
 * manifest of settlement-file.md field by field, in the spec's order. Reading is strict (duplicate
 * keys and trailing content are errors) and remembers the line of every key, so a verifier can say
 * where in the manifest a problem is.
 */
final class ManifestJson {
    static final String FORMAT = "posterm-settlement/1";
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** A manifest read back: its tree and the line of each key, by dotted path ("totals.sales"). */
    record Parsed(JsonNode root, Map<String, Integer> lines) {
        int line(String path) {
            for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
                Integer line = lines.get(p);
                if (line != null) {
                    return line;
                }
            }
            return 1;
        }
    }

    /** Thrown when the manifest is not JSON at all; the message has the line and column. */
    static final class Unreadable extends Exception {
        final int line;

        Unreadable(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private ManifestJson() {
    }

    static byte[] write(BatchHeader h, BatchTotals totals, long rows, String csvName, long csvSize, String sha256,
                        String chainStart, String chainHead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("terminalId", h.terminalId());
        m.put("merchantId", h.merchantId());
        m.put("batch", h.batch());
        m.put("openedAt", h.openedAt().toString());
        m.put("closedAt", h.closedAt().toString());
        m.put("currency", h.currency());
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("responseCode", h.host().responseCode().orElse(null));
        host.put("terminalTotals", h.host().terminalTotals().orElse(null));
        host.put("hostTotals", h.host().hostTotals().orElse(null));
        m.put("host", host);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("sales", tally(totals.sales()));
        t.put("refunds", tally(totals.refunds()));
        t.put("voids", tally(totals.voids()));
        Map<String, Object> byMethod = new LinkedHashMap<>();
        totals.byMethod().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byMethod.put(e.getKey().name(), tally(e.getValue())));
        t.put("byMethod", byMethod);
        t.put("offlineAdvised", tally(totals.offlineAdvised()));
        t.put("declinedAfterForwarding", tally(totals.declinedAfterForwarding()));
        t.put("carriedOver", tally(totals.carriedOver()));
        m.put("totals", t);
        m.put("rows", rows);
        Map<String, Object> csv = new LinkedHashMap<>();
        csv.put("name", csvName);
        csv.put("size", csvSize);
        csv.put("sha256", sha256);
        m.put("csv", csv);
        m.put("chainStart", chainStart);
        m.put("chainHead", chainHead);
        try {
            byte[] json = MAPPER.writeValueAsBytes(m);
            byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest of strings and numbers always serialises", e);
        }
    }

    private static Map<String, Object> tally(Tally t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", t.count());
        m.put("amount", t.amount());
        return m;
    }

    static Parsed read(byte[] bytes) throws Unreadable {
        try {
            JsonNode root = MAPPER.readTree(bytes);
            return new Parsed(root, lines(bytes));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            throw new Unreadable("not valid JSON: " + e.getOriginalMessage(), line);
        } catch (IOException e) {
            throw new Unreadable("not readable: " + e.getMessage(), 1);
        }
    }

    /** The line of every object key by dotted path, from a second, streaming pass. */
    private static Map<String, Integer> lines(byte[] bytes) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    String prefix = path.isEmpty() || path.peek().isEmpty() ? "" : path.peek() + ".";
                    lines.putIfAbsent(prefix + p.currentName(), p.currentTokenLocation().getLineNr());
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    String name = p.getParsingContext().getParent() == null ? null
                            : p.getParsingContext().getParent().getCurrentName();
                    String parent = path.isEmpty() ? "" : path.peek();
                    path.push(name == null ? parent : (parent.isEmpty() ? name : parent + "." + name));
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    path.pop();
                }
            }
        }
        return lines;
    }
}
