package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code batches} and which payments belong to which: the journal side of the batch close. One batch
 * is OPEN at any time (a unique index holds it); a payment joins the batch open when it is first
 * saved ({@link PaymentTable#save}).
 */
public final class BatchTable {
    private BatchTable() {
    }

    /** A payment of a batch as its settlement row needs it, with its advice's state when it has one. */
    public record Member(PaymentRow payment, Optional<String> adviceState, Optional<String> adviceResponse,
                         Optional<Qr> qr) {
        public Member(PaymentRow payment, Optional<String> adviceState, Optional<String> adviceResponse) {
            this(payment, adviceState, adviceResponse, Optional.empty());
        }
    }

    /**
     * A QR payment's wallet columns: its own for a sale; for a void or refund, its sale's wallet and
     * outTradeNo, and the gateway's errCode of its own call ({@code qr_returns}).
     */
    public record Qr(String wallet, String outTradeNo, Optional<String> errCode) {
    }

    public static BatchRow open(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM batches WHERE state = 'OPEN'")) {
            List<BatchRow> rows = rows(ps);
            if (rows.size() != 1) {
                throw new SQLException("the journal has " + rows.size() + " open batches, not one");
            }
            return rows.get(0);
        }
    }

    /** The last closed batch, if any: where the next settlement file's chain starts. */
    public static Optional<BatchRow> lastClosed(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM batches WHERE state = 'CLOSED' ORDER BY id DESC LIMIT 1")) {
            return rows(ps).stream().findFirst();
        }
    }

    /** Never 0: a counter at 0 (nothing drawn yet) comes round to 999999 last. */
    static int firstStan(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT first_stan FROM batches WHERE state = 'OPEN'");
             ResultSet rs = ps.executeQuery()) {
            int first = rs.next() ? rs.getInt(1) : -1;
            return first == 0 ? 999_999 : first;
        }
    }

    /**
     * Journals the 0500 about to leave: a new STAN and field 7 when the batch has none yet or its
     * totals changed since (a new count is a new request); else the ones already sent, so a repeat
     * is the same message (host-link.md: "a repeat of the 0500 keeps its STAN and field 7").
     */
    public static BatchRow closing(Tx c, String totals, String f7) throws SQLException {
        BatchRow b = open(c);
        if (b.closeStan().isPresent() && b.closeTotals().orElse("").equals(totals)) {
            return b;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET close_stan = ?, close_f7 = ?, "
                + "close_totals = ? WHERE id = ?")) {
            ps.setInt(1, Counters.closingStan(c));
            ps.setString(2, f7);
            ps.setString(3, totals);
            ps.setLong(4, b.id());
            ps.executeUpdate();
        }
        return open(c);
    }

    /**
     * The host answered without closing (95, or another code): the batch stays open, the answer noted,
     * and that 0500 is done with: the next close is a new request with a new STAN and field 7 (the
     * same ones would be a duplicate, which the host answers again with the same 95).
     */
    public static void answered(Tx c, String responseCode, Optional<String> hostTotals) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET response_code = ?, host_totals = ?, "
                + "close_stan = NULL, close_f7 = NULL, close_totals = NULL WHERE state = 'OPEN'")) {
            ps.setString(1, responseCode);
            ps.setString(2, hostTotals.orElse(null));
            ps.executeUpdate();
        }
    }

    /**
     * Closes the open batch and opens the next, in the caller's transaction: the settlement file's
     * name and chain head are recorded with it. {@code carriedOver}: payments that move to the next
     * batch (offline sales the host has not accepted yet); payments not finished move too.
     */
    public static BatchRow close(Tx c, Optional<String> responseCode, Optional<String> hostTotals, boolean forced,
                                 String csvName, String chainHead, List<String> carriedOver, Instant now)
            throws SQLException {
        BatchRow b = open(c);
        try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET state = 'CLOSED', closed_at = ?, "
                + "response_code = ?, host_totals = ?, forced = ?, csv_name = ?, chain_head = ? WHERE id = ?")) {
            ps.setString(1, now.toString());
            ps.setString(2, responseCode.orElse(null));
            ps.setString(3, hostTotals.orElse(null));
            ps.setInt(4, forced ? 1 : 0);
            ps.setString(5, csvName);
            ps.setString(6, chainHead);
            ps.setLong(7, b.id());
            ps.executeUpdate();
        }
        SettlementFileTable.recordPair(c, b.id(), csvName);
        int next = Counters.nextBatchNumber(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batches (number, state, opened_at, first_stan) "
                + "VALUES (?, 'OPEN', ?, ?)")) {
            ps.setInt(1, next);
            ps.setString(2, now.toString());
            ps.setInt(3, Counters.currentStan(c));
            ps.executeUpdate();
        }
        for (String paymentId : carriedOver) {
            moveTo(c, paymentId, next);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET batch_number = ? "
                + "WHERE batch_number = ? AND step <> 'DONE'")) {
            ps.setInt(1, next);
            ps.setInt(2, b.number());
            ps.executeUpdate();
        }
        return open(c);
    }

    private static void moveTo(Tx c, String paymentId, int batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET batch_number = ? WHERE payment_id = ?")) {
            ps.setInt(1, batch);
            ps.setString(2, paymentId);
            ps.executeUpdate();
        }
    }

    /** The finished payments of batch {@code number} in the order they happened, with their advices. */
    public static List<Member> members(Tx c, int number) throws SQLException {
        List<Member> out = new ArrayList<>();
        for (PaymentRow p : PaymentTable.ofBatch(c, number)) {
            Optional<String> state = Optional.empty();
            Optional<String> code = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("SELECT state, response_code FROM advices "
                    + "WHERE payment_id = ? ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, p.paymentId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        state = Optional.of(rs.getString(1));
                        code = Rows.text(rs, "response_code");
                    }
                }
            }
            out.add(new Member(p, state, code, p.method() == dev.posterm.core.payment.PaymentMethod.QR
                    ? qr(c, p.paymentId()) : Optional.empty()));
        }
        return out;
    }

    private static Optional<Qr> qr(Tx c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(q.wallet, o.wallet), "
                + "COALESCE(q.out_trade_no, r.out_trade_no), COALESCE(q.err_code, r.err_code) FROM payments p "
                + "LEFT JOIN qr_details q ON q.payment_id = p.payment_id "
                + "LEFT JOIN qr_details o ON o.payment_id = p.original_payment_id "
                + "LEFT JOIN qr_returns r ON r.payment_id = p.payment_id WHERE p.payment_id = ?")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new Qr(rs.getString(1), Optional.ofNullable(rs.getString(2)).orElse(""),
                        Optional.ofNullable(rs.getString(3))));
            }
        }
    }

    private static List<BatchRow> rows(PreparedStatement ps) throws SQLException {
        List<BatchRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new BatchRow(rs.getLong("id"), rs.getInt("number"), rs.getString("state"),
                        Rows.instant(rs, "opened_at"), Rows.optionalInstant(rs, "closed_at"),
                        Rows.integer(rs, "close_stan"), Rows.text(rs, "close_f7"), Rows.text(rs, "close_totals"),
                        Rows.text(rs, "response_code"), Rows.text(rs, "host_totals"), rs.getInt("forced") == 1,
                        Rows.text(rs, "csv_name"), Rows.text(rs, "chain_head")));
            }
        }
        return out;
    }
}
