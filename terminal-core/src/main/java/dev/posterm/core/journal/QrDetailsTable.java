package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code qr_details}: statements run on the caller's connection, inside the caller's transaction. */
public final class QrDetailsTable {

    private QrDetailsTable() {
    }

    /** Inserts or replaces the payment's QR details; {@code out_trade_no} stays unique (a second use fails). */
    public static void save(Tx c, String paymentId, QrDetails d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO qr_details (payment_id, out_trade_no, wallet, "
                + "masked_auth_code, trade_no, pay_sent_at, pay_by, phase, reverse_why, reverse_attempts, next_at, "
                + "err_code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (payment_id) DO UPDATE SET "
                + "trade_no = excluded.trade_no, phase = excluded.phase, reverse_why = excluded.reverse_why, "
                + "reverse_attempts = excluded.reverse_attempts, next_at = excluded.next_at, "
                + "err_code = excluded.err_code")) {
            ps.setString(1, paymentId);
            ps.setString(2, d.outTradeNo());
            ps.setString(3, d.wallet());
            ps.setString(4, d.maskedAuthCode());
            Rows.text(ps, 5, d.tradeNo());
            ps.setString(6, d.paySentAt().toString());
            ps.setString(7, d.payBy().toString());
            ps.setString(8, d.phase());
            Rows.text(ps, 9, d.reverseWhy());
            ps.setInt(10, d.reverseAttempts());
            Rows.instant(ps, 11, d.nextAt());
            Rows.text(ps, 12, d.errCode());
            ps.executeUpdate();
        }
    }

    public static Optional<QrDetails> find(Tx c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM qr_details WHERE payment_id = ?")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Payments whose QR flow has not ended (a restart left them), oldest first. */
    public static List<String> unfinished(Tx c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT payment_id FROM qr_details WHERE phase <> 'DONE' "
                + "ORDER BY pay_sent_at")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static QrDetails map(ResultSet rs) throws SQLException {
        return new QrDetails(rs.getString("out_trade_no"), rs.getString("wallet"), rs.getString("masked_auth_code"),
                Rows.text(rs, "trade_no"), Rows.instant(rs, "pay_sent_at"), Rows.instant(rs, "pay_by"),
                rs.getString("phase"), Rows.text(rs, "reverse_why"), rs.getInt("reverse_attempts"),
                Rows.optionalInstant(rs, "next_at"), Rows.text(rs, "err_code"));
    }
}
