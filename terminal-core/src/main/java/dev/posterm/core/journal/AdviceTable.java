package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code advices}: offline approvals on their way to the host. An advice is TENTATIVE from the
 * terminal's offline decision until the card's final answer (so a crash in between never advises
 * a sale the card may have declined), PENDING until the host answers, then SETTLED or DECLINED.
 * One that cannot be sent is set aside, so that it never stops the advices after it: UNREADABLE
 * (its card data does not open, or it cannot be encoded) or LOST (a new data key was made while it
 * waited). Set-aside advices keep their sealed bytes and leave the queue (they are not PENDING).
 */
public final class AdviceTable {
    private AdviceTable() {
    }

    /** The held exposure, for terminal risk management. */
    public record Held(int count, long amount, Optional<Instant> oldest, int sameCard) {
    }

    public static void queueTentative(Tx c, int stan, String paymentId, long amount, String localTime,
                                      String entryMode, String cardHash, String maskedPan, byte[] sealed,
                                      String authCode, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO advices (stan, payment_id, amount, local_time, "
                + "entry_mode, card_hash, masked_pan, sealed_card, auth_code, state, created_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,'TENTATIVE',?)")) {
            ps.setInt(1, stan);
            ps.setString(2, paymentId);
            ps.setLong(3, amount);
            ps.setString(4, localTime);
            ps.setString(5, entryMode);
            ps.setString(6, cardHash);
            ps.setString(7, maskedPan);
            ps.setBytes(8, sealed);
            ps.setString(9, authCode);
            ps.setString(10, now.toString());
            ps.executeUpdate();
        }
    }

    /** The card approved: the advice may go. */
    public static void confirm(Tx c, String paymentId) throws SQLException {
        update(c, "UPDATE advices SET state = 'PENDING' WHERE payment_id = ? AND state = 'TENTATIVE'", paymentId);
    }

    /** The card declined, or its answer was lost to a crash: nothing to advise. */
    public static void discard(Tx c, String paymentId) throws SQLException {
        update(c, "DELETE FROM advices WHERE payment_id = ? AND state = 'TENTATIVE'", paymentId);
    }

    /**
     * The advices to send now, in sale order: from the oldest pending one up to the first that is
     * waiting for its retry time. A later sale never overtakes one whose answer was lost
     * (host-link.md: advices go in the order the transactions happened).
     */
    public static List<AdviceRow> due(Tx c, Instant now, int limit) throws SQLException {
        List<AdviceRow> due = new ArrayList<>();
        for (AdviceRow a : select(c, "SELECT * FROM advices WHERE state = 'PENDING' ORDER BY created_at, id LIMIT "
                + limit)) {
            if (a.nextAttemptAt().map(t -> t.isAfter(now)).orElse(false)) {
                break;
            }
            due.add(a);
        }
        return due;
    }

    /** Every advice not yet answered (PENDING), oldest first: what status and `posterm saf` list. */
    public static List<AdviceRow> pending(Tx c) throws SQLException {
        return select(c, "SELECT * FROM advices WHERE state = 'PENDING' ORDER BY created_at, id");
    }

    public static List<AdviceRow> all(Tx c) throws SQLException {
        return select(c, "SELECT * FROM advices ORDER BY created_at, id");
    }

    /** Records an attempt about to be sent; field 7 is stamped at the first and kept after. */
    public static void attempt(Tx c, long id, String f7) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET attempts = attempts + 1, "
                + "transmitted_at = COALESCE(transmitted_at, ?) WHERE id = ?")) {
            ps.setString(1, f7);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** The host answered: SETTLED (00) or DECLINED, and the sealed card data is deleted. */
    public static void answered(Tx c, long id, String responseCode, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET state = ?, response_code = ?, "
                + "answered_at = ?, sealed_card = NULL, next_attempt_at = NULL WHERE id = ?")) {
            ps.setString(1, "00".equals(responseCode) ? "SETTLED" : "DECLINED");
            ps.setString(2, responseCode);
            ps.setString(3, now.toString());
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Undoes {@link #attempt} for an advice that was stamped for a batch but never left. */
    public static void notSent(Tx c, long id, Optional<String> f7Before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET attempts = attempts - 1, "
                + "transmitted_at = ? WHERE id = ?")) {
            ps.setString(1, f7Before.orElse(null));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public static void retryAt(Tx c, long id, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET next_attempt_at = ? WHERE id = ?")) {
            ps.setString(1, when.toString());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * Takes an advice out of the queue for good (UNREADABLE or LOST) with the reason; its sealed
     * bytes are kept (a restored key may open them again, see {@link #putBack}).
     */
    public static void setAside(Tx c, long id, String state, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET state = ?, set_aside_reason = ?, "
                + "next_attempt_at = NULL WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, reason);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** A set-aside advice whose card data opens again (the right key is back): PENDING once more. */
    public static void putBack(Tx c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE advices SET state = 'PENDING', "
                + "set_aside_reason = NULL WHERE id = ? AND state IN ('UNREADABLE', 'LOST')")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** The advices in {@code state}, oldest first. */
    public static List<AdviceRow> inState(Tx c, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM advices WHERE state = ? ORDER BY created_at, id")) {
            ps.setString(1, state);
            return rows(ps);
        }
    }

    /** The advices waiting for the host (PENDING): count, amount and the oldest, in one query. */
    public static Held queue(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(amount), 0), MIN(created_at) "
                + "FROM advices WHERE state = 'PENDING'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Held(rs.getInt(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)).map(Instant::parse), 0);
        }
    }

    /** What is held offline (TENTATIVE or PENDING), and how much of it is this card's. */
    public static Held held(Tx c, String cardHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(amount), 0), MIN(created_at), "
                + "COALESCE(SUM(card_hash = ?), 0) FROM advices WHERE state IN ('TENTATIVE', 'PENDING')")) {
            ps.setString(1, cardHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Held(rs.getInt(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)).map(Instant::parse),
                        rs.getInt(4));
            }
        }
    }

    private static void update(Tx c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            ps.executeUpdate();
        }
    }

    private static List<AdviceRow> select(Tx c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return rows(ps);
        }
    }

    private static List<AdviceRow> rows(PreparedStatement ps) throws SQLException {
        List<AdviceRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AdviceRow(rs.getLong("id"), rs.getInt("stan"), rs.getString("payment_id"),
                        rs.getLong("amount"), rs.getString("local_time"), rs.getString("entry_mode"),
                        rs.getString("card_hash"), rs.getString("masked_pan"),
                        Optional.ofNullable(rs.getBytes("sealed_card")), rs.getString("auth_code"),
                        Rows.text(rs, "transmitted_at"), rs.getInt("attempts"), rs.getString("state"),
                        Rows.text(rs, "response_code"), Rows.instant(rs, "created_at"),
                        Rows.optionalInstant(rs, "next_attempt_at"), Rows.text(rs, "set_aside_reason")));
            }
        }
        return out;
    }
}
