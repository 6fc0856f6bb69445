package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code payment_requests}: the fingerprint of the request that started each payment, to tell a
 * retry under the same Idempotency-Key from another request reusing it. Runs on the caller's
 * connection, inside the caller's transaction.
 */
public final class PaymentRequestTable {
    private PaymentRequestTable() {
    }

    public static void insert(Tx c, String paymentId, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO payment_requests (payment_id, fingerprint) VALUES (?,?)")) {
            ps.setString(1, paymentId);
            ps.setString(2, fingerprint);
            ps.executeUpdate();
        }
    }

    /** Empty for a payment started before the journal kept fingerprints. */
    public static Optional<String> fingerprint(Tx c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT fingerprint FROM payment_requests WHERE payment_id = ?")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
