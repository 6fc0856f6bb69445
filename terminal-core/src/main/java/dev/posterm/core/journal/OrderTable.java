package dev.posterm.core.journal;

import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.PaymentState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code orders}: statements run on the caller's connection, inside the caller's transaction. */
public final class OrderTable {
    private OrderTable() {
    }

    public static void insert(Tx c, OrderRow o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, amount, currency, description, "
                + "state, created_at, pay_by, updated_at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, o.orderId());
            ps.setLong(2, o.amount());
            ps.setString(3, o.currency());
            Rows.text(ps, 4, o.description());
            ps.setString(5, o.state().name());
            ps.setString(6, o.createdAt().toString());
            ps.setString(7, o.payBy().toString());
            ps.setString(8, o.updatedAt().toString());
            ps.executeUpdate();
        }
    }

    public static void updateState(Tx c, OrderRow o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET state = ?, updated_at = ? WHERE order_id = ?")) {
            ps.setString(1, o.state().name());
            ps.setString(2, o.updatedAt().toString());
            ps.setString(3, o.orderId());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("order " + o.orderId() + " vanished from the journal");
            }
        }
    }

    /**
     * Moves the order from {@code from} to {@code to} only if it is still in {@code from}: the
     * one statement that decides which of two racing requests gets the order. False when another
     * request changed it first (or it does not exist); the caller rolls back what it meant to add.
     */
    public static boolean transition(Tx c, String orderId, OrderState from, OrderState to, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET state = ?, updated_at = ? WHERE order_id = ? AND state = ?")) {
            ps.setString(1, to.name());
            ps.setString(2, now.toString());
            ps.setString(3, orderId);
            ps.setString(4, from.name());
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets the order's state, in the caller's transaction (with the payment change that caused it). */
    public static void setState(Tx c, String orderId, OrderState state, Instant now) throws SQLException {
        OrderRow o = find(c, orderId).orElseThrow(() -> new SQLException("order " + orderId + " missing"));
        updateState(c, o.withState(state, now));
    }

    /**
     * Lapses the order to EXPIRED if it is still open (UNPAID or PAYING) and {@code now} has reached its
     * pay-by time: the expiry's side of the rule of {@link #settle}. The order's row decides, so
     * an approval committed first keeps the order PAID and this changes nothing.
     *
     * @return the state the order lapsed from, or empty if it did not lapse
     */
    public static Optional<OrderState> expireIfDue(Tx c, String orderId, Instant now) throws SQLException {
        Optional<OrderRow> o = find(c, orderId);
        if (o.isEmpty() || !open(o.get().state()) || now.isBefore(o.get().payBy())) {
            return Optional.empty();
        }
        return transition(c, orderId, o.get().state(), OrderState.EXPIRED, now) ? Optional.of(o.get().state())
                : Optional.empty();
    }

    /**
     * The approval's side of the rule: PAYING becomes PAID only while {@code now} is before the
     * pay-by time. An approval committed at or after it, or after the expiry's commit, loses:
     * false, nothing changed, and the caller undoes the approval in its next commit.
     */
    public static boolean settle(Tx c, String orderId, Instant now) throws SQLException {
        Optional<OrderRow> o = find(c, orderId);
        return o.isPresent() && o.get().state() == OrderState.PAYING && now.isBefore(o.get().payBy())
                && transition(c, orderId, OrderState.PAYING, OrderState.PAID, now);
    }

    /**
     * A payment that did not succeed gives its order back: PAYING becomes UNPAID, or EXPIRED once
     * the pay-by time has passed. An order no longer PAYING (expired meanwhile) is left as it is.
     */
    public static void release(Tx c, String orderId, Instant now) throws SQLException {
        Optional<OrderRow> o = find(c, orderId);
        if (o.isPresent() && o.get().state() == OrderState.PAYING) {
            transition(c, orderId, OrderState.PAYING,
                    now.isBefore(o.get().payBy()) ? OrderState.UNPAID : OrderState.EXPIRED, now);
        }
    }

    /** Orders still open to payment (UNPAID or PAYING), soonest pay-by first: what the pay-by timers watch. */
    public static List<OrderRow> open(Tx c) throws SQLException {
        List<OrderRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE state IN (?, ?)")) {
            ps.setString(1, OrderState.UNPAID.name());
            ps.setString(2, OrderState.PAYING.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(OrderRow::payBy));
        return out;
    }

    private static boolean open(OrderState state) {
        return state == OrderState.UNPAID || state == OrderState.PAYING;
    }

    /**
     * Orders left PAYING with no payment of theirs PENDING (a crash between the two commits of a
     * sale's end, say) go back to UNPAID, so the cashier can take payment.
     *
     * @return the orders released
     */
    public static List<String> releaseStuckPaying(Tx c, Instant now) throws SQLException {
        List<String> stuck = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT order_id FROM orders o WHERE state = ? AND NOT EXISTS "
                + "(SELECT 1 FROM payments p WHERE p.order_id = o.order_id AND p.state = ?)")) {
            ps.setString(1, OrderState.PAYING.name());
            ps.setString(2, PaymentState.PENDING.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stuck.add(rs.getString(1));
                }
            }
        }
        for (String id : stuck) {
            setState(c, id, OrderState.UNPAID, now);
        }
        return stuck;
    }

    public static Optional<OrderRow> find(Tx c, String orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE order_id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static OrderRow map(ResultSet rs) throws SQLException {
        return new OrderRow(rs.getString("order_id"), rs.getLong("amount"), rs.getString("currency"),
                Rows.text(rs, "description"), OrderState.valueOf(rs.getString("state")), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "pay_by"), Rows.instant(rs, "updated_at"));
    }
}
