package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code alerts}: open alerts survive a restart until their cause is gone. */
public final class AlertTable {
    private AlertTable() {
    }

    public record Open(String code, String detail, Instant raisedAt) {
    }

    /** @return true if the alert was not open before */
    public static boolean raise(Tx c, String code, String detail, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO alerts (code, detail, raised_at) VALUES (?,?,?)")) {
            ps.setString(1, code);
            ps.setString(2, detail);
            ps.setString(3, now.toString());
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the detail of an open alert. @return true if it was open */
    public static boolean restate(Tx c, String code, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET detail = ? WHERE code = ?")) {
            ps.setString(1, detail);
            ps.setString(2, code);
            return ps.executeUpdate() == 1;
        }
    }

    /** @return true if the alert was open */
    public static boolean clear(Tx c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alerts WHERE code = ?")) {
            ps.setString(1, code);
            return ps.executeUpdate() == 1;
        }
    }

    public static List<Open> open(Tx c) throws SQLException {
        List<Open> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, detail, raised_at FROM alerts ORDER BY raised_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Open(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
            }
        }
        return out;
    }
}
