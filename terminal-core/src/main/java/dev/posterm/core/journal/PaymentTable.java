package dev.posterm.core.journal;

import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code payments} with their {@code card_details}, and their append-only {@code payment_steps}: statements run on the caller's
 * connection, inside the caller's transaction. Every {@link #save} also appends the step to the
 * history, so how a payment went can be read back step by step.
 */
public final class PaymentTable {
    private static final String COLUMNS = "payment_id, order_id, method, type, original_payment_id, amount, currency, "
            + "state, step, idempotency_key, error_code, created_at, updated_at, completed_at, batch_number";
    private static final String CARD_COLUMNS = "stan, transmitted_at, local_time, response_code, auth_code, rrn, "
            + "masked_pan, entry_mode, aid, app_label";
    /** A payment with its card details, if it has any. */
    private static final String SELECT = "SELECT p.*, " + CARD_COLUMNS.replaceAll("(\\w+)", "d.$1")
            + ", d.payment_id AS card_payment_id, k.tendered, k.change_due, k.payment_id AS cash_payment_id, "
            + "q.out_trade_no, q.wallet, q.masked_auth_code, q.trade_no, q.pay_sent_at, q.pay_by, q.phase, "
            + "q.reverse_why, q.reverse_attempts, q.next_at, q.err_code, q.payment_id AS qr_payment_id"
            + " FROM payments p LEFT JOIN card_details d USING (payment_id) LEFT JOIN cash_details k USING (payment_id)"
            + " LEFT JOIN qr_details q ON q.payment_id = p.payment_id ";

    private PaymentTable() {
    }

    /** Inserts or updates the row (and its card details) and records the step in the history. */
    public static void save(Tx c, PaymentRow p, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?, (SELECT value FROM counters WHERE name = 'batch')) ON CONFLICT (payment_id) DO UPDATE SET "
                + "state = excluded.state, step = excluded.step, error_code = excluded.error_code, "
                + "updated_at = excluded.updated_at, completed_at = excluded.completed_at")) {
            ps.setString(1, p.paymentId());
            ps.setString(2, p.orderId());
            ps.setString(3, p.method().name());
            ps.setString(4, p.type().name());
            Rows.text(ps, 5, p.originalPaymentId());
            ps.setLong(6, p.amount().amount());
            ps.setString(7, p.amount().currency());
            ps.setString(8, p.state().name());
            ps.setString(9, p.step().name());
            Rows.text(ps, 10, p.idempotencyKey());
            Rows.text(ps, 11, p.errorCode());
            ps.setString(12, p.times().createdAt().toString());
            ps.setString(13, p.times().updatedAt().toString());
            Rows.instant(ps, 14, p.times().completedAt());
            ps.executeUpdate();
        }
        if (p.card().isPresent()) {
            saveCard(c, p.paymentId(), p.card().get());
        }
        if (p.cash().isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO cash_details (payment_id, tendered, "
                    + "change_due) VALUES (?,?,?)")) {
                ps.setString(1, p.paymentId());
                ps.setLong(2, p.cash().get().tendered());
                ps.setLong(3, p.cash().get().changeDue());
                ps.executeUpdate();
            }
        }
        if (p.qr().isPresent()) {
            QrDetailsTable.save(c, p.paymentId(), p.qr().get());
        }
        appendStep(c, p.paymentId(), p.step() == Step.DONE ? p.state().name() : p.step().name(), p.updatedAt(), detail);
    }

    private static void saveCard(Tx c, String paymentId, CardDetails d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO card_details (payment_id, "
                + CARD_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, paymentId);
            Rows.integer(ps, 2, d.stan());
            Rows.text(ps, 3, d.transmittedAt());
            Rows.text(ps, 4, d.localTime());
            Rows.text(ps, 5, d.responseCode());
            Rows.text(ps, 6, d.authCode());
            Rows.text(ps, 7, d.rrn());
            Rows.text(ps, 8, d.maskedPan());
            Rows.text(ps, 9, d.entryMode());
            Rows.text(ps, 10, d.aid());
            Rows.text(ps, 11, d.appLabel());
            ps.executeUpdate();
        }
    }

    private static void appendStep(Tx c, String paymentId, String step, Instant at, String detail)
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

    public static Optional<PaymentRow> find(Tx c, String paymentId) throws SQLException {
        return one(c, SELECT + "WHERE p.payment_id = ?", paymentId);
    }

    public static Optional<PaymentRow> findByIdempotencyKey(Tx c, String orderId, String key)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + "WHERE p.order_id = ? AND p.idempotency_key = ?")) {
            ps.setString(1, orderId);
            ps.setString(2, key);
            return first(ps);
        }
    }

    public static List<PaymentRow> forOrder(Tx c, String orderId) throws SQLException {
        return many(c, SELECT + "WHERE p.order_id = ? ORDER BY p.created_at, p.payment_id", orderId);
    }

    /** The finished payments of batch {@code number}, in the order they happened. */
    static List<PaymentRow> ofBatch(Tx c, int number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE p.batch_number = ? AND p.step = 'DONE' "
                + "ORDER BY p.created_at, p.payment_id")) {
            ps.setInt(1, number);
            List<PaymentRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    /** Payments whose flow did not reach DONE: what recovery looks at after a restart. */
    public static List<PaymentRow> unfinished(Tx c) throws SQLException {
        return many(c, SELECT + "WHERE p.step <> 'DONE' ORDER BY p.created_at", null);
    }

    /** The step history, oldest first, as "STEP detail" lines. */
    public static List<String> history(Tx c, String paymentId) throws SQLException {
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

    private static Optional<PaymentRow> one(Tx c, String sql, String arg) throws SQLException {
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

    private static List<PaymentRow> many(Tx c, String sql, String arg) throws SQLException {
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

    /** The sales the open batch holds (card, approved online or offline): what status shows as its totals. */
    public record Totals(int count, long amount) {
    }

    /**
     * The cash sales the terminal took: counted in the terminal's own totals, never in the
     * acquirer's (field 63 and the batch are card only, {@link #approvedCardSales}).
     */
    public static Totals approvedCashSales(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM payments "
                + "WHERE method = ? AND type = ? AND state = ?")) {
            ps.setString(1, PaymentMethod.CASH.name());
            ps.setString(2, PaymentType.SALE.name());
            ps.setString(3, PaymentState.APPROVED.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getInt(1), rs.getLong(2));
            }
        }
    }

    /** Card sales only (online and offline approvals): the acquirer's totals, field 63 of the 0500. Never cash. */
    public static Totals approvedCardSales(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM payments "
                + "WHERE method = ? AND type = ? AND state IN (?, ?)")) {
            ps.setString(1, PaymentMethod.CARD.name());
            ps.setString(2, PaymentType.SALE.name());
            ps.setString(3, PaymentState.APPROVED.name());
            ps.setString(4, PaymentState.APPROVED_OFFLINE.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getInt(1), rs.getLong(2));
            }
        }
    }

    private static PaymentRow map(ResultSet rs) throws SQLException {
        Optional<CardDetails> card = Rows.text(rs, "card_payment_id").isEmpty() ? Optional.empty()
                : Optional.of(new CardDetails(Rows.integer(rs, "stan"), Rows.text(rs, "transmitted_at"),
                        Rows.text(rs, "local_time"), Rows.text(rs, "response_code"), Rows.text(rs, "auth_code"),
                        Rows.text(rs, "rrn"), Rows.text(rs, "masked_pan"), Rows.text(rs, "entry_mode"),
                        Rows.text(rs, "aid"), Rows.text(rs, "app_label")));
        return new PaymentRow(rs.getString("payment_id"), rs.getString("order_id"),
                PaymentMethod.valueOf(rs.getString("method")), PaymentType.valueOf(rs.getString("type")),
                Rows.text(rs, "original_payment_id"), new Money(rs.getLong("amount"), rs.getString("currency")),
                PaymentState.valueOf(rs.getString("state")), Step.valueOf(rs.getString("step")),
                Rows.text(rs, "idempotency_key"), Rows.text(rs, "error_code"), card,
                Rows.text(rs, "cash_payment_id").isEmpty() ? Optional.empty()
                        : Optional.of(new CashDetails(rs.getLong("tendered"), rs.getLong("change_due"))),
                new PaymentRow.Times(Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                        Rows.optionalInstant(rs, "completed_at")),
                Rows.text(rs, "qr_payment_id").isEmpty() ? Optional.empty() : Optional.of(QrDetailsTable.map(rs)));
    }
}
