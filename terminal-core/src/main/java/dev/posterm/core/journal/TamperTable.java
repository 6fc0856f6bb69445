package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code tamper_events}: when the case was opened and when the terminal was provisioned again. */
public final class TamperTable {
    public static final String TAMPERED = "TAMPERED";
    public static final String PROVISIONED = "PROVISIONED";

    private TamperTable() {
    }

    public record Event(long id, String kind, Instant at, String detail, int lostCount, long lostAmount) {
        public boolean tampered() {
            return TAMPERED.equals(kind);
        }
    }

    public static void record(Tx c, String kind, Instant at, String detail, int lostCount, long lostAmount)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tamper_events (kind, at, detail, lost_count, "
                + "lost_amount) VALUES (?,?,?,?,?)")) {
            ps.setString(1, kind);
            ps.setString(2, at.toString());
            ps.setString(3, detail);
            ps.setInt(4, lostCount);
            ps.setLong(5, lostAmount);
            ps.executeUpdate();
        }
    }

    /** The latest event: the terminal is tampered while it is TAMPERED. */
    public static Optional<Event> latest(Tx c) throws SQLException {
        List<Event> last = select(c, "SELECT * FROM tamper_events ORDER BY id DESC LIMIT 1");
        return last.stream().findFirst();
    }

    /** Every event, oldest first. */
    public static List<Event> all(Tx c) throws SQLException {
        return select(c, "SELECT * FROM tamper_events ORDER BY id");
    }

    private static List<Event> select(Tx c, String sql) throws SQLException {
        List<Event> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Event(rs.getLong("id"), rs.getString("kind"), Instant.parse(rs.getString("at")),
                        rs.getString("detail"), rs.getInt("lost_count"), rs.getLong("lost_amount")));
            }
        }
        return out;
    }
}
