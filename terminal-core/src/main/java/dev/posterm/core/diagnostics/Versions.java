package dev.posterm.core.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What runs here: posterm, the Java runtime, the operating system. */
public final class Versions {
    private Versions() {
    }

    /** Name to version, in the order a technician reads them; {@code posterm}: the release's own. */
    public static Map<String, String> now(String posterm) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("posterm", posterm);
        v.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vendor", "?") + ")");
        v.put("os", osRelease(Path.of("/etc/os-release")).orElse(System.getProperty("os.name")) + ", kernel "
                + System.getProperty("os.version") + ", " + System.getProperty("os.arch"));
        return v;
    }

    /** PRETTY_NAME of os-release(5), if the file says. */
    static Optional<String> osRelease(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", "")).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
