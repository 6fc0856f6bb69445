package dev.posterm.core.api;

import dev.posterm.core.errors.Refused;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call of the API: a method, a path template under {@code /api/v1} such as
 * {@code /orders/{orderId}/cancel}, the roles that may make it, and its handler.
 */
record Route(String method, String template, Set<Role> roles, Handler handler) {
    static final String BASE = "/api/v1";

    Route {
        roles = Set.copyOf(roles);
    }

    /**
     * The path parameters when {@code rawPath} (as sent, still percent-encoded) fits the template.
     * Segments are decoded one by one, so an id holding {@code %2F} stays one segment.
     */
    Optional<Map<String, String>> match(String rawPath) throws Refused {
        if (!rawPath.startsWith(BASE + "/")) {
            return Optional.empty();
        }
        List<String> want = List.of(template.substring(1).split("/", -1));
        List<String> got = List.of(rawPath.substring(BASE.length() + 1).split("/", -1));
        if (want.size() != got.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String g = got.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                String value = PercentDecoding.path(g, "path segment");
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(w.substring(1, w.length() - 1), value);
            } else if (!w.equals(g)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
