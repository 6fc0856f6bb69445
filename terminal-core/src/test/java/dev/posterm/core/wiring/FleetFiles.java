package dev.posterm.core.wiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files docs/fleet.md gives a chain: its Prometheus alerting rules and its Grafana dashboard. */
final class FleetFiles {
    static final Path RULES = Path.of("..", "scripts", "prometheus", "posterm-alerts.yml");
    static final Path DASHBOARD = Path.of("..", "scripts", "grafana", "posterm-dashboard.json");
    private static final Pattern OUR_NAME = Pattern.compile("\\b((?:posterm|jvm)_[a-z0-9_]+)");

    private FleetFiles() {
    }

    /** The metric names (posterm_*, jvm_*) a file's expressions use, histogram suffixes kept. */
    static Set<String> namesIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = OUR_NAME.matcher(Files.readString(file));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
