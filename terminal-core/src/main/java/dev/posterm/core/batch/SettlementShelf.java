package dev.posterm.core.batch;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.SettlementFileTable;
import dev.posterm.core.journal.SettlementFileTable.FileRow;
import dev.posterm.core.settlement.SettlementNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * The settlement files on the terminal's disk as the back office sees them: the list, one file to
 * download, the mark that it was fetched, and retention.
 *
 * <p>The journal decides which names exist ({@code settlement_files}, written in the transaction that
 * closes a batch); a name is served only when the journal knows it, it has the settlement name's
 * shape, and it is a regular file directly in the folder. Nothing the caller sends is ever joined to
 * a path before that lookup, so {@code ..}, slashes and encodings can only miss.
 *
 * <p>Retention, per batch (the CSV and its manifest go together):
 * <pre>
 * closed more than retention_days ago ─ both files fetched ─> removed (RETENTION)
 * free space under min_free_mb ─> the oldest batches go, fetched or not, never the newest (DISK_SHORT);
 *                                  any unfetched among them raises SETTLEMENT_FILES_REMOVED_UNFETCHED
 * </pre>
 * The journal marks a file removed before it is deleted, so a crash between leaves a file the next
 * sweep deletes, never a listed name without its file. The next file's chain starts from the journal's
 * chain head ({@code batches.chain_head}), never from a file on disk, so removals do not break it.
 */
public final class SettlementShelf {
    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Journal journal;
    private final Path dir;
    private final Clock clock;
    private final Alerts alerts;
    private final Duration retention;
    private final long minFreeBytes;
    private final LongSupplier freeBytes;
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);

    /** One listed file: what {@code GET /settlements} shows. */
    public record Listed(String name, long size, String sha256, int batch, Instant closedAt,
                         Optional<Instant> fetchedAt) {
        public boolean fetched() {
            return fetchedAt.isPresent();
        }

        public boolean isCsv() {
            return name.endsWith(".csv");
        }
    }

    /** A file that may be served, and where it lies. */
    public record Stored(Listed file, Path path) {
    }

    /** What one sweep removed, by batch number and why. */
    public record Sweep(List<String> removed, List<String> removedUnfetched) {
    }

    /**
     * @param freeBytes usable space on the folder's file system (tests script it)
     */
    public SettlementShelf(Journal journal, Path dir, Clock clock, Alerts alerts, int retentionDays,
                           long minFreeMb, LongSupplier freeBytes) {
        this.journal = journal;
        this.dir = dir;
        this.clock = clock;
        this.alerts = alerts;
        this.retention = Duration.ofDays(retentionDays);
        this.minFreeBytes = minFreeMb * 1024 * 1024;
        this.freeBytes = freeBytes;
    }

    /** Usable space of the file system holding {@code dir} (0 when it cannot be read: treat as short). */
    public static LongSupplier usableSpaceOf(Path dir) {
        return () -> {
            try {
                Files.createDirectories(dir);
                return Files.getFileStore(dir).getUsableSpace();
            } catch (IOException e) {
                Logger.warn("settlements: cannot read the free space of {}: {}", dir, e.toString());
                return Long.MAX_VALUE;   // unknown is not "short": never remove unfetched files on a guess
            }
        };
    }

    /** The files on the disk, newest batch first (CSV, then manifest). */
    public List<Listed> list() throws IOException {
        return list(journal, dir, true);
    }

    /**
     * The same list from a journal opened read-only (the CLI, beside a running controller): a size
     * and hash not yet kept are read from the disk and not written back.
     */
    public static List<Listed> listReadOnly(Journal journal, Path dir) throws IOException {
        return list(journal, dir, false);
    }

    private static List<Listed> list(Journal journal, Path dir, boolean keep) throws IOException {
        List<Listed> out = new ArrayList<>();
        for (FileRow row : journal.read(SettlementFileTable::all)) {
            if (row.removedAt().isEmpty()) {
                described(journal, dir, row, keep).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The file of that exact name, if it is one the journal knows and it is on the disk; else empty. */
    public Optional<Stored> find(String name) throws IOException {
        if (SettlementNames.parse(name).isEmpty()) {
            return Optional.empty();
        }
        Optional<FileRow> row = journal.read(c -> SettlementFileTable.byName(c, name));
        if (row.isEmpty() || row.get().removedAt().isPresent()) {
            return Optional.empty();
        }
        Optional<Listed> listed = described(journal, dir, row.get(), true);
        return listed.map(l -> new Stored(l, dir.resolve(l.name())));
    }

    /**
     * The back office has the whole file. The first time, an alert about unfetched files removed
     * is cleared: someone is looking at the files again.
     */
    public void fetched(String name) {
        boolean first = journal.inTransaction(c -> SettlementFileTable.fetched(c, name, clock.instant()));
        if (first) {
            Logger.info("settlements: {} fetched by the back office", name);
            alerts.clear(Alerts.Kind.SETTLEMENT_FILES_REMOVED_UNFETCHED);
        }
    }

    /** Size and SHA-256, read from the disk once and kept in the journal. Empty when the file is gone. */
    private static Optional<Listed> described(Journal journal, Path dir, FileRow row, boolean keep)
            throws IOException {
        Path path = dir.resolve(row.name());
        if (!path.getParent().equals(dir) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            Logger.warn("settlements: {} is in the journal but not a file in {}", row.name(), dir);
            return Optional.empty();
        }
        long size = row.size().orElse(-1L);
        String sha256 = row.sha256().orElse(null);
        if (sha256 == null) {
            size = Files.size(path);
            sha256 = sha256(path);
            long s = size;
            String h = sha256;
            if (keep) {
                journal.inTransaction(c -> {
                    SettlementFileTable.describe(c, row.name(), s, h);
                    return null;
                });
            }
        }
        return Optional.of(new Listed(row.name(), size, sha256, row.batch(), row.closedAt(), row.fetchedAt()));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Removes what retention and free space say must go. */
    public synchronized Sweep sweep() throws IOException {
        Instant now = clock.instant();
        Map<Long, List<FileRow>> batches = new LinkedHashMap<>();
        List<FileRow> all = new ArrayList<>(journal.read(SettlementFileTable::all));
        java.util.Collections.reverse(all);   // oldest batch first
        for (FileRow row : all) {
            if (row.removedAt().isPresent()) {
                deleteIfThere(row.name());    // marked by a sweep that died before deleting
            } else {
                batches.computeIfAbsent(row.batchId(), id -> new ArrayList<>()).add(row);
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> unfetched = new ArrayList<>();
        long newest = batches.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        for (List<FileRow> pair : List.copyOf(batches.values())) {
            boolean old = !pair.get(0).closedAt().plus(retention).isAfter(now);
            if (old && pair.stream().allMatch(r -> r.fetchedAt().isPresent())) {
                remove(pair, "RETENTION", now, removed, unfetched);
                batches.remove(pair.get(0).batchId());
            }
        }
        for (List<FileRow> pair : List.copyOf(batches.values())) {
            if (pair.get(0).batchId() == newest || freeBytes.getAsLong() >= minFreeBytes) {
                break;
            }
            remove(pair, "DISK_SHORT", now, removed, unfetched);
        }
        if (!unfetched.isEmpty()) {
            alerts.raiseOrRestate(Alerts.Kind.SETTLEMENT_FILES_REMOVED_UNFETCHED, "removed before the back office "
                    + "fetched them (free space under " + minFreeBytes / (1024 * 1024) + " MB): "
                    + String.join(", ", unfetched));
        }
        return new Sweep(removed, unfetched);
    }

    private void remove(List<FileRow> pair, String why, Instant now, List<String> removed, List<String> unfetched)
            throws IOException {
        journal.inTransaction(c -> {
            for (FileRow r : pair) {
                SettlementFileTable.removed(c, r.name(), why, now);
            }
            return null;
        });
        // The manifest first: it was written last and says "this batch's files are complete".
        List<FileRow> order = pair.stream().sorted((a, b) -> Boolean.compare(!a.name().endsWith(".json"),
                !b.name().endsWith(".json"))).toList();
        for (FileRow r : order) {
            deleteIfThere(r.name());
            removed.add(r.name());
            if (r.fetchedAt().isEmpty()) {
                unfetched.add(r.name());
            }
        }
        Logger.info("settlements: batch {} removed ({}): {}", String.format("%06d", pair.get(0).batch()), why,
                order.stream().map(FileRow::name).toList());
    }

    private void deleteIfThere(String name) throws IOException {
        if (SettlementNames.parse(name).isPresent()) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /** A sweep soon rather than within the hour: a batch has just closed and its files take room. */
    public void nudge() {
        wake.release();
    }

    /** Until interrupted: a sweep now, then every hour or when nudged (the clock is read afresh each time). */
    public void runForever(Heartbeat beat) {
        while (!Thread.currentThread().isInterrupted()) {
            beat.beat();
            try {
                Sweep s = sweep();
                if (!s.removed().isEmpty()) {
                    Logger.info("settlements: retention removed {}", s.removed());
                }
            } catch (IOException | RuntimeException e) {
                Logger.error(e, "settlements: the retention sweep failed; it runs again within the hour");
            }
            try {
                beat.waiting(SWEEP_EVERY);
                wake.tryAcquire(SWEEP_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
