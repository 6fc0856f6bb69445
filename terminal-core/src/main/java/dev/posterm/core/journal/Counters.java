package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Journaled counters: the STAN and the batch number survive restarts, so neither is ever reused. */
public final class Counters {
    private Counters() {
    }

    /**
     * The next STAN, 1..999999 then 1 again; committed with the caller's transaction. A STAN is never
     * repeated within a batch (host-link.md): the open batch remembers the counter as it opened, and
     * the counter may not come round to that value again; a batch that has drawn 999,998 STANs
     * refuses more until it is closed (its close draws the last one, see {@link #closingStan}).
     */
    public static int nextStan(Tx c) throws SQLException {
        int current = read(c, "stan");
        int next = current >= 999_999 ? 1 : current + 1;
        if (next == BatchTable.firstStan(c)) {
            throw new SQLException("batch " + String.format("%06d", batchNumber(c)) + " has used every STAN it may"
                    + " (999,998): close the batch before any more payments or echo tests");
        }
        write(c, "stan", next);
        return next;
    }

    /** The STAN of a batch's 0500: drawn even when the batch has used every other one. */
    static int closingStan(Tx c) throws SQLException {
        int current = read(c, "stan");
        int next = current >= 999_999 ? 1 : current + 1;
        write(c, "stan", next);
        return next;
    }

    static int currentStan(Tx c) throws SQLException {
        return read(c, "stan");
    }

    /** The batch number after {@code number}: 1..999999 then 1 again. */
    static int nextBatchNumber(Tx c) throws SQLException {
        int next = batchNumber(c) >= 999_999 ? 1 : batchNumber(c) + 1;
        write(c, "batch", next);
        return next;
    }

    public static int batchNumber(Tx c) throws SQLException {
        return read(c, "batch");
    }

    private static int read(Tx c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("counter " + name + " missing from the journal");
                }
                return rs.getInt(1);
            }
        }
    }

    private static void write(Tx c, String name, int value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE counters SET value = ? WHERE name = ?")) {
            ps.setInt(1, value);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }
}
