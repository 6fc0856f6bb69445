package dev.posterm.core.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code payments} and their append-only {@code payment_steps}: statements run on the caller's
 * connection, inside the caller's transaction. Every {@link #save} also appends the step to the
 * history, so how a payment went can be read back step by step.
 */
public final class PaymentTable {
    private static final String COLUMNS = "payment_id, order_id, method, amount, currency, state, step, "
            + "idempotency_key, stan, transmitted_at, local_time, response_code, error_code, auth_code, rrn, "
            + "masked_pan, entry_mode, aid, app_label, created_at, updated_at, completed_at";

    private PaymentTable() {
    }

    /** Inserts or replaces the row and records the step in the history. */
    public static void save(Connection c, PaymentRow p, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO payments (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, p.paymentId());
            ps.setString(2, p.orderId());
            ps.setString(3, p.method());
            ps.setLong(4, p.amount());
            ps.setString(5, p.currency());
            ps.setString(6, p.state());
            ps.setString(7, p.step().name());
            Rows.text(ps, 8, p.idempotencyKey());
            Rows.integer(ps, 9, p.stan());
            Rows.text(ps, 10, p.transmittedAt());
            Rows.text(ps, 11, p.localTime());
            Rows.text(ps, 12, p.responseCode());
            Rows.text(ps, 13, p.errorCode());
            Rows.text(ps, 14, p.authCode());
            Rows.text(ps, 15, p.rrn());
            Rows.text(ps, 16, p.maskedPan());
            Rows.text(ps, 17, p.entryMode());
            Rows.text(ps, 18, p.aid());
            Rows.text(ps, 19, p.appLabel());
            ps.setString(20, p.createdAt().toString());
            ps.setString(21, p.updatedAt().toString());
            Rows.instant(ps, 22, p.completedAt());
            ps.executeUpdate();
        }
        appendStep(c, p.paymentId(), p.step() == Step.DONE ? p.state() : p.step().name(), p.updatedAt(), detail);
    }

    private static void appendStep(Connection c, String paymentId, String step, Instant at, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO payment_steps (payment_id, step, at, detail) VALUES (?,?,?,?)")) {
            ps.setString(1, paymentId);
            ps.setString(2, step);
            ps.setString(3, at.toString());
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    public static Optional<PaymentRow> find(Connection c, String paymentId) throws SQLException {
        return one(c, "SELECT * FROM payments WHERE payment_id = ?", paymentId);
    }

    public static Optional<PaymentRow> findByIdempotencyKey(Connection c, String orderId, String key)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM payments WHERE order_id = ? AND idempotency_key = ?")) {
            ps.setString(1, orderId);
            ps.setString(2, key);
            return first(ps);
        }
    }

    public static List<PaymentRow> forOrder(Connection c, String orderId) throws SQLException {
        return many(c, "SELECT * FROM payments WHERE order_id = ? ORDER BY created_at, payment_id", orderId);
    }

    /** Payments whose flow did not reach DONE: what recovery looks at after a restart. */
    public static List<PaymentRow> unfinished(Connection c) throws SQLException {
        return many(c, "SELECT * FROM payments WHERE step <> 'DONE' ORDER BY created_at", null);
    }

    /** The step history, oldest first, as "STEP detail" lines. */
    public static List<String> history(Connection c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT step, detail FROM payment_steps WHERE payment_id = ? ORDER BY id")) {
            ps.setString(1, paymentId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String detail = rs.getString(2);
                    out.add(rs.getString(1) + (detail == null || detail.isEmpty() ? "" : " " + detail));
                }
            }
            return out;
        }
    }

    private static Optional<PaymentRow> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return first(ps);
        }
    }

    private static Optional<PaymentRow> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private static List<PaymentRow> many(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<PaymentRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    private static PaymentRow map(ResultSet rs) throws SQLException {
        return new PaymentRow(rs.getString("payment_id"), rs.getString("order_id"), rs.getString("method"),
                rs.getLong("amount"), rs.getString("currency"), rs.getString("state"),
                Step.valueOf(rs.getString("step")), Rows.text(rs, "idempotency_key"), Rows.integer(rs, "stan"),
                Rows.text(rs, "transmitted_at"), Rows.text(rs, "local_time"), Rows.text(rs, "response_code"),
                Rows.text(rs, "error_code"), Rows.text(rs, "auth_code"), Rows.text(rs, "rrn"),
                Rows.text(rs, "masked_pan"), Rows.text(rs, "entry_mode"), Rows.text(rs, "aid"),
                Rows.text(rs, "app_label"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                Rows.optionalInstant(rs, "completed_at"));
    }
}
