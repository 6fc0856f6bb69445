package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code qr_returns}: QR voids and refunds on their way to the wallet gateway (see V11). */
public final class QrReturnTable {
    private QrReturnTable() {
    }

    /**
     * One QR void or refund as journaled.
     *
     * @param outRefundNo a refund's own number; empty for a void (a reverse of the sale's outTradeNo)
     */
    public record QrReturn(String paymentId, String outTradeNo, Optional<String> outRefundNo, String phase,
                           int attempts, Instant nextAt, Optional<String> refundId, Optional<String> errCode) {
    }

    public static void insert(Tx c, String paymentId, String outTradeNo, Optional<String> outRefundNo, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO qr_returns (payment_id, out_trade_no, "
                + "out_refund_no, phase, next_at) VALUES (?,?,?,'CALLING',?)")) {
            ps.setString(1, paymentId);
            ps.setString(2, outTradeNo);
            Rows.text(ps, 3, outRefundNo);
            ps.setString(4, now.toString());
            ps.executeUpdate();
        }
    }

    /** A call without a final answer: the next one at {@code nextAt}. */
    public static void again(Tx c, String paymentId, Instant nextAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE qr_returns SET attempts = attempts + 1, next_at = ? WHERE payment_id = ?")) {
            ps.setString(1, nextAt.toString());
            ps.setString(2, paymentId);
            ps.executeUpdate();
        }
    }

    /** A final answer: accepted ({@code refundId}) or refused ({@code errCode}). */
    public static void done(Tx c, String paymentId, Optional<String> refundId, Optional<String> errCode)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE qr_returns SET phase = 'DONE', attempts = attempts + 1,"
                + " refund_id = ?, err_code = ? WHERE payment_id = ?")) {
            Rows.text(ps, 1, refundId);
            Rows.text(ps, 2, errCode);
            ps.setString(3, paymentId);
            ps.executeUpdate();
        }
    }

    public static Optional<QrReturn> find(Tx c, String paymentId) throws SQLException {
        List<QrReturn> found = select(c, "SELECT * FROM qr_returns WHERE payment_id = ?", paymentId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Those still CALLING, soonest first. */
    public static List<QrReturn> calling(Tx c) throws SQLException {
        return select(c, "SELECT * FROM qr_returns WHERE phase = 'CALLING' ORDER BY next_at", null);
    }

    private static List<QrReturn> select(Tx c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<QrReturn> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QrReturn(rs.getString("payment_id"), rs.getString("out_trade_no"),
                            Rows.text(rs, "out_refund_no"), rs.getString("phase"), rs.getInt("attempts"),
                            Rows.instant(rs, "next_at"), Rows.text(rs, "refund_id"), Rows.text(rs, "err_code")));
                }
            }
            return out;
        }
    }
}
