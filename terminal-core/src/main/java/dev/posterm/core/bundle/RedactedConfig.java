package dev.posterm.core.bundle;

import dev.posterm.config.PostermConfig;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The running configuration as {@code GET /api/v1/config} shows it: every table and key, named
 * as the controller reads them (snake_case; durations in milliseconds; the host as host and port),
 * an absent optional key left out, and every secret replaced by {@code "***"}.
 *
 * <p>Secrets are found by what they are, not by a list of today's keys, so a key added later is
 * hidden without anyone remembering this class: a {@link PostermConfig.Secret}; any text whose
 * name says token, secret, password or key (api tokens, {@code wallet.key}, the path of the API's
 * TLS key). Numbers named "key" (a GPIO pin) are not secret and are shown.
 */
public final class RedactedConfig {
    public static final String HIDDEN = "***";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|password|key).*");

    private RedactedConfig() {
    }

    public static Map<String, Object> of(PostermConfig config) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) value("", config);
        return out;
    }

    private static Object value(String name, Object v) {
        if (v instanceof Optional<?> o) {
            return o.map(inner -> value(name, inner)).orElse(null);
        }
        if (v instanceof PostermConfig.Secret || (SECRET_NAME.matcher(name).matches() && !(v instanceof Number)
                && !(v instanceof Boolean) && !(v instanceof Record))) {
            return HIDDEN;
        }
        if (v instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Object shown = value(c.getName(), c.getAccessor().invoke(r));
                    if (shown != null) {   // an absent optional key is left out, as the API leaves out what has no value
                        out.put(snake(c.getName()), shown);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c + " of the configuration", e);
                }
            }
            return out;
        }
        if (v instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(value(name, item)));
            return out;
        }
        if (v instanceof Duration d) {
            return d.toMillis();
        }
        if (v instanceof Path || v instanceof Enum<?> || v instanceof LocalTime || v instanceof java.net.URI) {
            return v.toString();
        }
        return v;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
