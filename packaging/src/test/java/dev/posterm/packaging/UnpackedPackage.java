package dev.posterm.packaging;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The package as {@code mvn package} left it in {@code target/}, unpacked once into a scratch root
 * with the tools dpkg itself uses: {@code dpkg-deb -x} (the files) and {@code dpkg-deb -e} (the
 * control files, into {@code root/DEBIAN}). Tests that need it are skipped, with the reason, where
 * there is no dpkg-deb (a developer's non-Debian machine); on Debian and in CI it is always there.
 */
final class UnpackedPackage {
    private static UnpackedPackage unpacked;

    final Path deb;
    final Path root;

    private UnpackedPackage(Path deb, Path root) {
        this.deb = deb;
        this.root = root;
    }

    static synchronized UnpackedPackage get() throws IOException, InterruptedException {
        assumeTrue(Commands.onPath("dpkg-deb"), "dpkg-deb is not installed (apt-get install dpkg): package not checked");
        if (unpacked == null) {
            Path deb = newestDeb();
            Path root = Files.createTempDirectory("posterm-deb-root");
            Commands.run(List.of("dpkg-deb", "-x", deb.toString(), root.toString())).requireSuccess();
            Commands.run(List.of("dpkg-deb", "-e", deb.toString(), root.resolve("DEBIAN").toString())).requireSuccess();
            unpacked = new UnpackedPackage(deb, root);
        }
        return unpacked;
    }

    /** The package's file at {@code absolute} (as installed, "/usr/bin/posterm"). */
    Path file(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    String text(String absolute) throws IOException {
        return Files.readString(file(absolute), StandardCharsets.UTF_8);
    }

    Path control(String name) {
        return root.resolve("DEBIAN").resolve(name);
    }

    /** The unit's keys and their values in file order, comments and section headers left out. */
    static Map<String, List<String>> unitKeys(String unit) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : unit.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            keys.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        return keys;
    }

    private static Path newestDeb() throws IOException {
        Path dir = Path.of(System.getProperty("posterm.deb.dir", "target"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("posterm_.*_all\\.deb"))
                    .max(Comparator.comparing(UnpackedPackage::modified))
                    .orElseThrow(() -> new AssertionError("no posterm_*_all.deb in " + dir.toAbsolutePath()
                            + ": 'mvn package' builds it before this test runs"));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
