package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What voids and refunds (the "returns" of a sale) hold of their sale: {@code payments.returns_claimed}.
 * A claim is taken by one conditional UPDATE before the return's first byte leaves, in the same
 * commit as the return's row, and given back in the commit that ends a return without moving money.
 * Two refunds racing for the last of a sale's money cannot both pass: the second UPDATE finds the
 * sum already raised and changes nothing.
 */
public final class ReturnTable {
    private ReturnTable() {
    }

    /**
     * Claims {@code amount} of the sale for a refund, if the refunds approved and in flight leave that
     * much of it. False, nothing changed, when they do not (or the sale is not refundable any more).
     */
    public static boolean claimRefund(Tx c, String salePaymentId, long amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET returns_claimed = returns_claimed + ? "
                + "WHERE payment_id = ? AND type = 'SALE' AND state IN ('APPROVED', 'APPROVED_OFFLINE') "
                + "AND returns_claimed + ? <= amount")) {
            ps.setLong(1, amount);
            ps.setString(2, salePaymentId);
            ps.setLong(3, amount);
            return ps.executeUpdate() == 1;
        }
    }

    /** Claims the whole sale for a void: only when nothing of it is refunded or being refunded or voided. */
    public static boolean claimVoid(Tx c, String salePaymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET returns_claimed = amount "
                + "WHERE payment_id = ? AND type = 'SALE' AND state IN ('APPROVED', 'APPROVED_OFFLINE') "
                + "AND returns_claimed = 0")) {
            ps.setString(1, salePaymentId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives back what the return {@code p} (a REFUND or VOID) claimed: it ended without moving money. */
    public static void release(Tx c, PaymentRow p) throws SQLException {
        if (p.originalPaymentId().isEmpty()) {
            return;
        }
        String sql = p.type() == dev.posterm.core.payment.PaymentType.VOID
                ? "UPDATE payments SET returns_claimed = 0 WHERE payment_id = ?"
                : "UPDATE payments SET returns_claimed = MAX(0, returns_claimed - ?) WHERE payment_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (p.type() != dev.posterm.core.payment.PaymentType.VOID) {
                ps.setLong(i++, p.amount().amount());
            }
            ps.setString(i, p.originalPaymentId().get());
            ps.executeUpdate();
        }
    }

    /** What the sale's approved and in-flight refunds (or a void) hold of it now. */
    public static long claimed(Tx c, String salePaymentId) throws SQLException {
        return number(c, "SELECT returns_claimed FROM payments WHERE payment_id = ?", salePaymentId);
    }

    /** The sum of the sale's APPROVED refunds: when it reaches the sale's amount the sale is REFUNDED. */
    public static long refunded(Tx c, String salePaymentId) throws SQLException {
        return number(c, "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE original_payment_id = ? "
                + "AND type = 'REFUND' AND state = 'APPROVED'", salePaymentId);
    }

    /** The batch the payment belongs to. */
    public static int batchOf(Tx c, String paymentId) throws SQLException {
        return (int) number(c, "SELECT batch_number FROM payments WHERE payment_id = ?", paymentId);
    }

    /** The state of an offline sale's advice (TENTATIVE, PENDING, SETTLED, DECLINED, ...), if it has one. */
    public static Optional<String> adviceState(Tx c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM advices WHERE payment_id = ?")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Keeps the RRN the host gave an offline sale in its 0230: a void or refund names its sale by it.
     * An RRN already held (from a 0210) is kept.
     */
    public static void keepAdvisedRrn(Tx c, String paymentId, String rrn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE card_details SET rrn = COALESCE(rrn, ?) WHERE payment_id = ?")) {
            ps.setString(1, rrn);
            ps.setString(2, paymentId);
            ps.executeUpdate();
        }
    }

    private static long number(Tx c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no payment " + arg + " in the journal");
                }
                return rs.getLong(1);
            }
        }
    }
}
