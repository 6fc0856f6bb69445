package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code reversals}: one per original transaction, keyed as field 90 names it (original MTI +
 * STAN + field 7); queuing the same original twice keeps the first.
 */
public final class ReversalTable {
    private ReversalTable() {
    }

    /** What a person needs to see of the queue. {@code stuck}: pending after {@code stuckAfter} sends. */
    public record Summary(int pending, int stuck, Optional<Instant> oldest) {
    }

    /** Queues a reversal; a second call for the same original changes nothing (idempotent by key). */
    public static void queue(Tx c, int stan, String paymentId, String reason, String originalMti,
                             String originalF7, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO reversals (stan, payment_id, reason, "
                + "original_mti, original_f7, state, created_at) VALUES (?,?,?,?,?,'PENDING',?)")) {
            ps.setInt(1, stan);
            ps.setString(2, paymentId);
            ps.setString(3, reason);
            ps.setString(4, originalMti);
            ps.setString(5, originalF7);
            ps.setString(6, now.toString());
            ps.executeUpdate();
        }
    }

    /** Records an attempt about to be sent, stamping field 7 at the first. */
    public static void attempt(Tx c, long id, String transmittedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE reversals SET attempts = attempts + 1, "
                + "transmitted_at = COALESCE(transmitted_at, ?) WHERE id = ?")) {
            ps.setString(1, transmittedAt);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** The host answered with a code that does not end the reversal: it stays PENDING. */
    public static void refused(Tx c, long id, String responseCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE reversals SET response_code = ? WHERE id = ?")) {
            ps.setString(1, responseCode);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public static void done(Tx c, long id, String responseCode, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reversals SET state = 'DONE', response_code = ?, done_at = ? WHERE id = ?")) {
            ps.setString(1, responseCode);
            ps.setString(2, now.toString());
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public static List<ReversalRow> pending(Tx c) throws SQLException {
        return select(c, "SELECT * FROM reversals WHERE state = 'PENDING' ORDER BY created_at, id");
    }

    /** The reversals of one payment (one per original it sent). */
    public static List<ReversalRow> forPayment(Tx c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM reversals WHERE payment_id = ? ORDER BY id")) {
            ps.setString(1, paymentId);
            return rows(ps);
        }
    }

    public static Summary summary(Tx c, int stuckAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(attempts >= ?), 0), "
                + "MIN(created_at) AS oldest FROM reversals WHERE state = 'PENDING'")) {
            ps.setInt(1, stuckAfter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Summary(rs.getInt(1), rs.getInt(2), Rows.optionalInstant(rs, "oldest"));
            }
        }
    }

    private static List<ReversalRow> select(Tx c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return rows(ps);
        }
    }

    private static List<ReversalRow> rows(PreparedStatement ps) throws SQLException {
        List<ReversalRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ReversalRow(rs.getLong("id"), rs.getInt("stan"), rs.getString("payment_id"),
                        rs.getString("reason"), rs.getString("original_mti"), rs.getString("original_f7"),
                        Rows.text(rs, "transmitted_at"), rs.getInt("attempts"), rs.getString("state"),
                        Rows.text(rs, "response_code"), Rows.instant(rs, "created_at"),
                        Rows.optionalInstant(rs, "done_at")));
            }
        }
        return out;
    }
}
