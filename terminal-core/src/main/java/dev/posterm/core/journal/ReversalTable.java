package dev.posterm.core.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code reversals}: one per STAN; queuing the same STAN twice keeps the first. */
public final class ReversalTable {
    private ReversalTable() {
    }

    /** Queues a reversal; a second call for the same STAN changes nothing (idempotent by key). */
    public static void queue(Connection c, int stan, String paymentId, String reason, String originalMti,
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
    public static void attempt(Connection c, int stan, String transmittedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE reversals SET attempts = attempts + 1, "
                + "transmitted_at = COALESCE(transmitted_at, ?) WHERE stan = ?")) {
            ps.setString(1, transmittedAt);
            ps.setInt(2, stan);
            ps.executeUpdate();
        }
    }

    public static void done(Connection c, int stan, String responseCode, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reversals SET state = 'DONE', response_code = ?, done_at = ? WHERE stan = ?")) {
            ps.setString(1, responseCode);
            ps.setString(2, now.toString());
            ps.setInt(3, stan);
            ps.executeUpdate();
        }
    }

    public static List<ReversalRow> pending(Connection c) throws SQLException {
        return select(c, "SELECT * FROM reversals WHERE state = 'PENDING' ORDER BY created_at, stan");
    }

    public static Optional<ReversalRow> find(Connection c, int stan) throws SQLException {
        List<ReversalRow> rows = select(c, "SELECT * FROM reversals WHERE stan = " + stan);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<ReversalRow> select(Connection c, String sql) throws SQLException {
        List<ReversalRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ReversalRow(rs.getInt("stan"), rs.getString("payment_id"), rs.getString("reason"),
                        rs.getString("original_mti"), rs.getString("original_f7"), Rows.text(rs, "transmitted_at"),
                        rs.getInt("attempts"), rs.getString("state"), Rows.text(rs, "response_code"),
                        Rows.instant(rs, "created_at"), Rows.optionalInstant(rs, "done_at")));
            }
        }
        return out;
    }
}
