package dev.posterm.core.settlement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hand-written settlement files of batches 12 and 13 (src/test/resources/.../settlement, made
 * from settlement-file.md by make-golden.py, never by our writer), copied where a test may change them.
 */
final class GoldenFiles {
    static final String CSV_12 = "settlement-T0000001-000012.csv";
    static final String JSON_12 = "settlement-T0000001-000012.json";
    static final String CSV_13 = "settlement-T0000001-000013.csv";
    static final String JSON_13 = "settlement-T0000001-000013.json";

    private GoldenFiles() {
    }

    static Path copyAll(Path dir) throws IOException {
        for (String name : new String[] {CSV_12, JSON_12, CSV_13, JSON_13}) {
            try (InputStream in = GoldenFiles.class.getResourceAsStream("/dev/posterm/core/settlement/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        return dir;
    }

    /** Replaces the one occurrence of {@code from} in the file (fails if it is not there exactly once). */
    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' is not in " + file.getFileName() + " exactly once");
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The file's text line {@code n} (1 = header), without its CRLF. */
    static String line(Path csv, int n) throws IOException {
        return Files.readString(csv, StandardCharsets.UTF_8).split("\r\n")[n - 1];
    }
}
