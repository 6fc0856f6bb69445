package dev.posterm.config;

import dev.posterm.config.PostermConfig.Link;
import dev.posterm.config.PostermConfig.Offline;
import dev.posterm.config.PostermConfig.Saf;
import dev.posterm.config.PostermConfig.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads [offline] (terminal risk management), [saf] (store-and-forward) and [link] (the link monitor). */
final class OfflineSections {
    static final List<Step> EXPOSURE_STEPS = List.of(new Step(50, 50), new Step(80, 20));
    static final List<Step> OUTAGE_STEPS = List.of(new Step(30, 50), new Step(240, 25));

    private OfflineSections() {
    }

    static Offline offline(Section s) {
        Boolean enabled = s.bool("enabled", true);
        Long floor = s.integer("floor_limit", 20_000, 1, TerminalSections.MAX_AMOUNT);
        Long total = s.integer("total_limit", 200_000, 1, TerminalSections.MAX_AMOUNT);
        Long count = s.integer("max_count", 50, 1, 10_000);
        Long age = s.integer("max_age_hours", 72, 1, 720);
        Long velocity = s.integer("velocity_per_card", 3, 1, 1_000);
        if (floor != null && total != null && floor > total) {
            s.problems().at(s.path(s.has("floor_limit") ? "floor_limit" : "total_limit"),
                    "floor_limit (" + floor + ") must not exceed total_limit (" + total + ")");
        }
        return new Offline(enabled != null && enabled, floor == null ? 0 : floor, total == null ? 0 : total,
                count == null ? 0 : count.intValue(), age == null ? 0 : age.intValue(),
                velocity == null ? 0 : velocity.intValue(),
                texts(s, "blocked_ranges", "[0-9]{1,11}", "a PAN prefix of 1 to 11 digits"),
                texts(s, "blocked_card_hashes", "[0-9A-F]{64}", "a card hash of 64 upper-case hex characters"),
                steps(s, "exposure_steps", "held_percent", 1, 100, EXPOSURE_STEPS),
                steps(s, "outage_steps", "minutes", 1, 43_200, OUTAGE_STEPS));
    }

    static Saf saf(Section s) {
        Long window = s.integer("window", 4, 1, 64);
        Long first = s.integer("repeat_first_ms", 2_000, 100, 600_000);
        Long max = s.integer("repeat_max_ms", 60_000, 100, 3_600_000);
        Long warning = s.integer("expiry_warning_hours", 12, 1, 719);
        if (first != null && max != null && first > max) {
            s.problems().at(s.path("repeat_first_ms"), "must not exceed repeat_max_ms (" + max + ")");
        }
        return new Saf(window == null ? 0 : window.intValue(), Duration.ofMillis(first == null ? 0 : first),
                Duration.ofMillis(max == null ? 0 : max), Duration.ofHours(warning == null ? 0 : warning));
    }

    static Link link(Section s) {
        Long echo = s.integer("echo_interval_seconds", 30, 5, 3_600);
        Long slow = s.integer("slow_percent", 50, 10, 100);
        return new Link(Duration.ofSeconds(echo == null ? 0 : echo), slow == null ? 0 : slow.intValue());
    }

    private static List<String> texts(Section s, String key, String pattern, String what) {
        List<String> out = new ArrayList<>();
        Optional<List<TomlValue>> items = s.array(key);
        if (items.isEmpty()) {
            return out;
        }
        for (TomlValue item : items.get()) {
            if (item instanceof TomlValue.Text t && t.value().matches(pattern)) {
                out.add(t.value());
            } else {
                s.problems().at(s.path(key), "each entry must be " + what + ", found " + describe(item));
            }
        }
        return out;
    }

    /** An array of inline tables {@code { <threshold> = N, floor_percent = P }}, thresholds rising. */
    private static List<Step> steps(Section s, String key, String threshold, int min, int max, List<Step> fallback) {
        if (!s.has(key)) {
            s.array(key);
            return fallback;
        }
        List<Step> out = new ArrayList<>();
        for (TomlValue item : s.array(key).orElse(List.of())) {
            Optional<Step> step = step(item, threshold, min, max);
            if (step.isEmpty()) {
                s.problems().at(s.path(key), "each entry must be { " + threshold + " = " + min + ".." + max
                        + ", floor_percent = 0..100 }, found " + describe(item));
            } else if (!out.isEmpty() && step.get().threshold() <= out.get(out.size() - 1).threshold()) {
                s.problems().at(s.path(key), "thresholds must rise from one step to the next");
            } else {
                out.add(step.get());
            }
        }
        return out;
    }

    private static Optional<Step> step(TomlValue item, String threshold, int min, int max) {
        if (!(item instanceof TomlValue.Table t) || t.entries().size() != 2) {
            return Optional.empty();
        }
        Map<String, TomlValue> e = t.entries();
        if (e.get(threshold) instanceof TomlValue.Int th && e.get("floor_percent") instanceof TomlValue.Int pct
                && th.value() >= min && th.value() <= max && pct.value() >= 0 && pct.value() <= 100) {
            return Optional.of(new Step((int) th.value(), (int) pct.value()));
        }
        return Optional.empty();
    }

    private static String describe(TomlValue item) {
        return item instanceof TomlValue.Text t ? "'" + t.value() + "'" : item.kind();
    }
}
