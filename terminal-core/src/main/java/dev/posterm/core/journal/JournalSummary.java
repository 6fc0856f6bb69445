package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts and amounts of what the journal holds, grouped by kind and state, for a technician's
 * diagnostics: never a row of its own, so never a masked PAN, an auth code or sealed card data.
 */
public final class JournalSummary {
    private JournalSummary() {
    }

    /**
     * @param what   "payments", "orders", "advices", "reversals", "batches", "tamper_events"
     * @param group  the group's values, space-separated ("SALE CARD APPROVED")
     * @param amount the sum of the group's amounts in minor units; 0 where the table has none
     */
    public record Line(String what, String group, long count, long amount) {
    }

    public static List<Line> of(Tx c) throws SQLException {
        List<Line> out = new ArrayList<>();
        group(c, out, "payments", "type || ' ' || method || ' ' || state", "amount");
        group(c, out, "orders", "state", "amount");
        group(c, out, "advices", "state", "amount");
        group(c, out, "reversals", "state", "0");
        group(c, out, "batches", "state", "0");
        group(c, out, "tamper_events", "kind", "lost_amount");
        return out;
    }

    /** The table and expressions are this class's own constants, never input. */
    private static void group(Tx c, List<Line> out, String table, String by, String amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + by + " AS g, COUNT(*), COALESCE(SUM(" + amount
                + "), 0) FROM " + table + " GROUP BY g ORDER BY g"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Line(table, rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
    }
}
