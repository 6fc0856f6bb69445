package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code settlement_files}: the settlement files the journal knows, whether the back office fetched
 * them and whether retention removed them. The API serves a name only when it is a row here.
 */
public final class SettlementFileTable {
    private SettlementFileTable() {
    }

    /**
     * One file with its batch. {@code size} and {@code sha256} are empty until first described.
     *
     * @param removedWhy RETENTION or DISK_SHORT, with {@code removedAt}
     */
    public record FileRow(String name, long batchId, int batch, Instant closedAt, Optional<Long> size,
                          Optional<String> sha256, Optional<Instant> fetchedAt, Optional<Instant> removedAt,
                          Optional<String> removedWhy) {
    }

    /** The CSV and the manifest of a batch being closed, in the closing transaction. */
    static void recordPair(Tx c, long batchId, String csvName) throws SQLException {
        String manifest = csvName.substring(0, csvName.length() - ".csv".length()) + ".json";
        for (String name : List.of(csvName, manifest)) {
            // OR REPLACE: batch numbers start again at 1 after 999999, and a name then belongs to its new batch.
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO settlement_files (name, batch_id) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setLong(2, batchId);
                ps.executeUpdate();
            }
        }
    }

    /** Every known file, removed ones too, newest batch first (its CSV before its manifest). */
    public static List<FileRow> all(Tx c) throws SQLException {
        return query(c, "", null);
    }

    public static Optional<FileRow> byName(Tx c, String name) throws SQLException {
        return query(c, "WHERE f.name = ?", name).stream().findFirst();
    }

    /** Size and SHA-256 as first read from the disk; a file never changes after, so once is enough. */
    public static void describe(Tx c, String name, long size, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE settlement_files SET size = ?, sha256 = ? WHERE name = ? AND sha256 IS NULL")) {
            ps.setLong(1, size);
            ps.setString(2, sha256);
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    /** @return true if this was the file's first complete download */
    public static boolean fetched(Tx c, String name, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE settlement_files SET fetched_at = ? WHERE name = ? AND fetched_at IS NULL")) {
            ps.setString(1, now.toString());
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        }
    }

    public static void removed(Tx c, String name, String why, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE settlement_files SET removed_at = ?, removed_why = ? WHERE name = ? AND removed_at IS NULL")) {
            ps.setString(1, now.toString());
            ps.setString(2, why);
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    private static List<FileRow> query(Tx c, String where, String name) throws SQLException {
        List<FileRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT f.*, b.number, b.closed_at FROM settlement_files f "
                + "JOIN batches b ON b.id = f.batch_id " + where + " ORDER BY b.id DESC, f.name LIKE '%.json', f.name")) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong("size");
                    Optional<Long> known = rs.wasNull() ? Optional.empty() : Optional.of(size);
                    out.add(new FileRow(rs.getString("name"), rs.getLong("batch_id"), rs.getInt("number"),
                            Rows.instant(rs, "closed_at"), known, Rows.text(rs, "sha256"),
                            Rows.optionalInstant(rs, "fetched_at"), Rows.optionalInstant(rs, "removed_at"),
                            Rows.text(rs, "removed_why")));
                }
            }
        }
        return out;
    }
}
