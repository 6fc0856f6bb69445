package dev.posterm.core.diagnostics;

import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.AlertTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.JournalSummary;
import dev.posterm.core.journal.TamperTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a technician takes back from a terminal, as one folder:
 * <pre>
 *  posterm-diagnostics-T0000001-20261203T201500Z/
 *    README.txt            what each file is
 *    versions.txt          posterm, Java, the OS
 *    status.json           GET /api/v1/status of the running controller, or
 *    status-from-journal.txt  when it does not answer: open alerts, the SAF queue, the tamper state
 *    config.toml           the config file, every secret "***" ({@link Redaction})
 *    journal-summary.txt   counts and amounts per kind and state ({@link JournalSummary}): no rows
 *    settlements.txt       the settlement files' names, newest last
 *    logs/                 data.dir/logs as they are (card data never reaches a log)
 * </pre>
 * Never the journal file, the key files or a settlement file's content. Written as
 * {@code NAME.partial} and renamed when whole, so a stick pulled out early holds no folder that
 * looks complete.
 */
public final class DiagnosticsExport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param status the running controller's status JSON, when it answered
     * @param now    when the export is made (the folder's name)
     */
    public record Sources(String terminalId, Path configFile, Path dataDir, Map<String, String> versions,
                         Optional<String> status, Instant now) {
    }

    private DiagnosticsExport() {
    }

    /** @return the folder written under {@code target} (created if absent) */
    public static Path write(Path target, Sources s, Journal journal) throws IOException {
        Files.createDirectories(target);
        String name = "posterm-diagnostics-" + s.terminalId() + "-" + STAMP.format(s.now());
        Path done = target.resolve(name);
        for (int n = 2; Files.exists(done); n++) {   // two exports within a second
            done = target.resolve(name + "-" + n);
        }
        Path partial = target.resolve(done.getFileName() + ".partial");
        Files.createDirectories(partial);
        text(partial.resolve("README.txt"), readme());
        text(partial.resolve("versions.txt"), lines(s.versions()));
        if (s.status().isPresent()) {
            text(partial.resolve("status.json"), s.status().get());
        } else {
            text(partial.resolve("status-from-journal.txt"), statusFromJournal(journal));
        }
        text(partial.resolve("config.toml"), Redaction.of(Files.readString(s.configFile(), StandardCharsets.UTF_8)));
        text(partial.resolve("journal-summary.txt"), summary(journal));
        text(partial.resolve("settlements.txt"), names(s.dataDir().resolve("settlements")));
        copyLogs(s.dataDir().resolve("logs"), partial.resolve("logs"));
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        sync(target);
        return done;
    }

    private static String readme() {
        return """
                posterm diagnostics (docs/field-guide.md, "Diagnostics")
                versions.txt             posterm, Java and OS versions
                status.json              the running controller's GET /api/v1/status
                status-from-journal.txt  instead, when the controller did not answer
                config.toml              the configuration, every secret shown as "***"
                journal-summary.txt      counts and amounts per kind and state (no card data, no rows)
                settlements.txt          the settlement files' names
                logs/                    the controller's log files
                """;
    }

    private static String lines(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    private static String statusFromJournal(Journal journal) {
        StringBuilder b = new StringBuilder("The controller did not answer on its API; read from the journal.\n");
        var queue = journal.read(AdviceTable::queue);
        b.append("store-and-forward: ").append(queue.count()).append(" waiting, ").append(queue.amount())
                .append(" in minor units").append(queue.oldest().map(o -> ", oldest " + o).orElse("")).append('\n');
        journal.read(TamperTable::latest).ifPresentOrElse(
                t -> b.append("tamper: ").append(t.kind()).append(" at ").append(t.at()).append(" (").append(t.detail())
                        .append(")\n"),
                () -> b.append("tamper: never\n"));
        List<AlertTable.Open> alerts = journal.read(AlertTable::open);
        b.append("open alerts: ").append(alerts.size()).append('\n');
        alerts.forEach(a -> b.append("  ").append(a.code()).append(" since ").append(a.raisedAt()).append(": ")
                .append(a.detail()).append('\n'));
        return b.toString();
    }

    private static String summary(Journal journal) {
        StringBuilder b = new StringBuilder(String.format("%-14s %-32s %8s %16s%n", "TABLE", "GROUP", "COUNT",
                "AMOUNT (minor)"));
        for (JournalSummary.Line l : journal.read(JournalSummary::of)) {
            b.append(String.format("%-14s %-32s %8d %16d%n", l.what(), l.group(), l.count(), l.amount()));
        }
        return b.toString();
    }

    private static String names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "(no settlement files)\n";
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.filter(Files::isRegularFile).sorted((a, b) -> {
                try {
                    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (IOException e) {
                    return a.compareTo(b);
                }
            }).map(p -> p.getFileName().toString()).toList();
            return names.isEmpty() ? "(no settlement files)\n" : String.join("\n", names) + "\n";
        }
    }

    private static void copyLogs(Path logs, Path into) throws IOException {
        Files.createDirectories(into);
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.copy(f, into.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                sync(into.resolve(f.getFileName()));
            }
        }
    }

    private static void text(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        sync(file);
    }

    /** A stick may be pulled the moment the command returns: what it says is written is on it. */
    private static void sync(Path path) throws IOException {
        try (FileChannel c = FileChannel.open(path, Files.isDirectory(path) ? StandardOpenOption.READ
                : StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
