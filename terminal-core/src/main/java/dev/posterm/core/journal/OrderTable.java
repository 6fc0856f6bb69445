package dev.posterm.core.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@code orders}: statements run on the caller's connection, inside the caller's transaction. */
public final class OrderTable {
    private OrderTable() {
    }

    public static void insert(Connection c, OrderRow o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, amount, currency, description, "
                + "state, created_at, pay_by, updated_at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, o.orderId());
            ps.setLong(2, o.amount());
            ps.setString(3, o.currency());
            Rows.text(ps, 4, o.description());
            ps.setString(5, o.state());
            ps.setString(6, o.createdAt().toString());
            ps.setString(7, o.payBy().toString());
            ps.setString(8, o.updatedAt().toString());
            ps.executeUpdate();
        }
    }

    public static void updateState(Connection c, OrderRow o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET state = ?, updated_at = ? WHERE order_id = ?")) {
            ps.setString(1, o.state());
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
    public static boolean transition(Connection c, String orderId, String from, String to, java.time.Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET state = ?, updated_at = ? WHERE order_id = ? AND state = ?")) {
            ps.setString(1, to);
            ps.setString(2, now.toString());
            ps.setString(3, orderId);
            ps.setString(4, from);
            return ps.executeUpdate() == 1;
        }
    }

    public static Optional<OrderRow> find(Connection c, String orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM orders WHERE order_id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static OrderRow map(ResultSet rs) throws SQLException {
        return new OrderRow(rs.getString("order_id"), rs.getLong("amount"), rs.getString("currency"),
                Rows.text(rs, "description"), rs.getString("state"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "pay_by"), Rows.instant(rs, "updated_at"));
    }
}
