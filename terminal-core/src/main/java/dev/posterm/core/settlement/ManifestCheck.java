package dev.posterm.core.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the manifest's fields by settlement-file.md, "The manifest", each problem with its line and
 * key. What reads well is kept for the CSV's checks (null where it does not).
 */
final class ManifestCheck {
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern TOTALS = Pattern.compile("\\d{32}");

    private final ManifestJson.Parsed parsed;
    private final CsvRecords.Problems problems;
    String terminalId;
    Integer batch;
    String currency;
    String terminalTotals;
    boolean terminalTotalsGiven;
    Long rows;
    String csvName;
    Long csvSize;
    String csvSha256;
    String chainStart;
    String chainHead;
    final Map<String, Tally> totals = new LinkedHashMap<>();

    ManifestCheck(ManifestJson.Parsed parsed, CsvRecords.Problems problems) {
        this.parsed = parsed;
        this.problems = problems;
    }

    void run() {
        JsonNode root = parsed.root();
        if (!root.isObject()) {
            problems.add(1, "the manifest is not a JSON object");
            return;
        }
        String format = text("format");
        if (format != null && !format.equals(ManifestJson.FORMAT)) {
            say("format", "is '" + format + "', not " + ManifestJson.FORMAT);
        }
        terminalId = text("terminalId");
        text("merchantId");
        Long b = number("batch");
        if (b != null && (b < 1 || b > 999_999)) {
            say("batch", "is not 1 to 999999");
        } else if (b != null) {
            batch = b.intValue();
        }
        Instant opened = time("openedAt");
        Instant closed = time("closedAt");
        if (opened != null && closed != null && closed.isBefore(opened)) {
            say("closedAt", "is before openedAt");
        }
        currency = text("currency");
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            say("currency", "is not ISO 4217 alphabetic");
            currency = null;
        }
        host();
        for (String name : new BatchTotals.Counter().totals().named().keySet()) {
            tally("totals." + name);
        }
        rows = number("rows");
        csvName = text("csv.name");
        csvSize = number("csv.size");
        csvSha256 = text("csv.sha256");
        if (csvSha256 != null && !Chain.isValue(csvSha256)) {
            say("csv.sha256", "is not 64 lower-case hex digits");
        }
        chainStart = chain("chainStart");
        chainHead = chain("chainHead");
    }

    private void host() {
        JsonNode code = at("host.responseCode");
        if (code == null || !(code.isNull() || code.isTextual() && code.asText().matches("[ -~]{2}"))) {
            say("host.responseCode", "is not a 2-character response code or null");
        }
        JsonNode sent = at("host.terminalTotals");
        terminalTotalsGiven = sent != null && !sent.isNull();
        if (sent == null || !(sent.isNull() || sent.isTextual() && TOTALS.matcher(sent.asText()).matches())) {
            say("host.terminalTotals", "is not 32 digits or null");
        } else if (terminalTotalsGiven) {
            terminalTotals = sent.asText();
        }
        JsonNode host = at("host.hostTotals");
        if (host == null || !(host.isNull() || host.isTextual() && TOTALS.matcher(host.asText()).matches())) {
            say("host.hostTotals", "is not 32 digits or null");
        }
    }

    int line(String path) {
        return parsed.line(path);
    }

    void say(String path, String what) {
        problems.add(parsed.line(path), path + " " + what);
    }

    private JsonNode at(String path) {
        JsonNode n = parsed.root();
        for (String key : path.split("\\.")) {
            n = n == null || !n.isObject() ? null : n.get(key);
        }
        return n;
    }

    private String text(String path) {
        JsonNode n = at(path);
        if (n == null || !n.isTextual()) {
            say(path, n == null ? "is missing" : "is not a string");
            return null;
        }
        return n.asText();
    }

    private Long number(String path) {
        JsonNode n = at(path);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            say(path, n == null ? "is missing" : "is not a whole number of 0 or more");
            return null;
        }
        return n.asLong();
    }

    private Instant time(String path) {
        String s = text(path);
        if (s == null) {
            return null;
        }
        try {
            if (TIME.matcher(s).matches()) {
                return Instant.parse(s);
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        say(path, "is not ISO 8601 UTC to the second");
        return null;
    }

    private void tally(String path) {
        Long count = number(path + ".count");
        Long amount = number(path + ".amount");
        if (count != null && amount != null) {
            totals.put(path.substring("totals.".length()), new Tally(count, amount));
        }
    }

    private String chain(String path) {
        String s = text(path);
        if (s != null && !Chain.isValue(s)) {
            say(path, "is not 64 lower-case hex digits");
            return null;
        }
        return s;
    }
}
