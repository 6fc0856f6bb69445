package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code receipts}: slips owed to the printer, one per payment and copy. */
public final class ReceiptTable {
    private ReceiptTable() {
    }

    /**
     * A slip owed to the printer; queuing the same copy twice keeps one (idempotent by key).
     * {@code interrupted}: it was sent once and the printer was not ready after the cut.
     */
    public record Owed(long id, String paymentId, String copy, boolean interrupted) {
    }

    public static void queue(Tx c, String paymentId, String copy, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO receipts (payment_id, copy, state, "
                + "created_at) VALUES (?,?,'PENDING',?)")) {
            ps.setString(1, paymentId);
            ps.setString(2, copy);
            ps.setString(3, now.toString());
            ps.executeUpdate();
        }
    }

    /**
     * Owes one more copy (REPRINT) of a payment's slip: a copy asked for again after one printed is
     * owed again; one still waiting stays one.
     *
     * @return false when the payment never had a slip (nothing to copy)
     */
    public static boolean queueCopy(Tx c, String paymentId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM receipts WHERE payment_id = ? AND copy <> 'REPRINT'")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO receipts (payment_id, copy, state, created_at) "
                + "VALUES (?, 'REPRINT', 'PENDING', ?) ON CONFLICT (payment_id, copy) DO UPDATE SET state = 'PENDING', "
                + "created_at = excluded.created_at, printed_at = NULL, "
                + "interrupted_at = CASE WHEN state = 'PENDING' THEN interrupted_at END")) {
            ps.setString(1, paymentId);
            ps.setString(2, now.toString());
            ps.executeUpdate();
        }
        return true;
    }

    public static void printed(Tx c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE receipts SET state = 'PRINTED', printed_at = ? WHERE id = ?")) {
            ps.setString(1, now.toString());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** The slip was sent but the printer was not ready after its cut: still owed, part of it may be on paper. */
    public static void interrupted(Tx c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE receipts SET interrupted_at = COALESCE(interrupted_at, ?) WHERE id = ?")) {
            ps.setString(1, now.toString());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public static List<Owed> pending(Tx c) throws SQLException {
        List<Owed> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, payment_id, copy, interrupted_at IS NOT NULL FROM receipts WHERE state = 'PENDING' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Owed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return out;
    }
}
