package dev.posterm.core.wiring;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, line by line as the format's
 * description gives it: {@code # HELP}, {@code # TYPE} (once per family, before its samples), and
 * samples {@code name{label="value",...} value [timestamp]} whose names belong to the family
 * typed last ({@code _bucket} with {@code le}, {@code _sum}, {@code _count} for a histogram). Any
 * other line fails, naming its number. The client has no parser of its own for this format.
 */
final class TextExposition {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String VALUE = "(?:[+-]?Inf|NaN|[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})? (" + VALUE + ")(?: -?\\d+)?");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_sum", "_count");

    private TextExposition() {
    }

    /** Every sample, {@code name{labels}} as written to its value; fails on the first line out of the format. */
    static Map<String, Double> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        String family = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int number = i + 1;
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + number + ": a second TYPE for " + m.group(1));
                }
                family = m.group(1);
            } else if (HELP.matcher(line).matches() || line.isEmpty()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family == null || !belongs(name, family, types.get(family))) {
                    throw new AssertionError("line " + number + ": sample " + name + " outside its family (" + family + ")");
                }
                if (name.endsWith("_bucket") && (m.group(2) == null || !m.group(2).contains("le=\""))) {
                    throw new AssertionError("line " + number + ": a bucket without le");
                }
                String key = name + (m.group(2) == null ? "" : m.group(2));
                if (samples.put(key, Double.valueOf(m.group(3).replace("Inf", "Infinity"))) != null) {
                    throw new AssertionError("line " + number + ": a second sample " + key);
                }
            } else {
                throw new AssertionError("line " + number + " is not in the text format: " + line);
            }
        }
        return samples;
    }

    private static boolean belongs(String sample, String family, String type) {
        if (sample.equals(family)) {
            return !"histogram".equals(type);
        }
        return ("histogram".equals(type) || "summary".equals(type)) && sample.startsWith(family)
                && HISTOGRAM_SUFFIXES.contains(sample.substring(family.length()));
    }
}
