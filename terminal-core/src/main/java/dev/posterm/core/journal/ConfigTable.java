package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code config_running} and {@code config_attempts}: the bundle version the terminal runs and the
 * history of every attempt to change it ({@code config-bundle.md}). V11.
 */
public final class ConfigTable {

    private ConfigTable() {
    }

    /**
     * CONFIRMED: the running configuration proved itself (or was never changed); APPLYING: not yet
     * (a controller that starts and finds this rolls back: it stopped mid-apply); AT_NEXT_START:
     * imported while the controller was stopped, to be checked when it starts.
     */
    public enum State { CONFIRMED, APPLYING, AT_NEXT_START }

    /**
     * @param version         the bundle version running (0 before the first bundle)
     * @param appliedAt       when it was taken; empty before the first bundle
     * @param source          API, STICK or CLI; empty before the first bundle
     * @param previousVersion what it goes back to when the apply is rolled back
     */
    public record Running(long version, State state, Optional<Instant> appliedAt, Optional<String> source,
                          long previousVersion) {
    }

    /**
     * One line of the history.
     *
     * @param version the bundle's version, empty when the bundle could not be read that far
     * @param origin  where it came from: a path on a stick, or the API caller
     * @param code    the error code of a refusal or a rollback
     */
    public record Attempt(long id, Instant at, OptionalLong version, String source, String origin, String outcome,
                          Optional<String> code, String reason) {
    }

    public static Running running(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version, state, applied_at, source, previous_version FROM config_running WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("config_running has no row: the V11 migration did not run whole");
            }
            return new Running(rs.getLong(1), State.valueOf(rs.getString(2)),
                    Optional.ofNullable(rs.getString(3)).map(Instant::parse), Optional.ofNullable(rs.getString(4)),
                    rs.getLong(5));
        }
    }

    /** A new version is being taken: it runs from now on, unconfirmed, and {@code previous} is kept to go back to. */
    public static void applying(Tx c, long version, long previous, String source, Instant at) throws SQLException {
        set(c, "UPDATE config_running SET version = ?, state = 'APPLYING', applied_at = ?, source = ?,"
                + " previous_version = ? WHERE id = 1", version, at.toString(), source, previous);
    }

    public static void state(Tx c, State state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE config_running SET state = ? WHERE id = 1")) {
            ps.setString(1, state.name());
            ps.executeUpdate();
        }
    }

    /** The version running proved itself. */
    public static void confirmed(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE config_running SET state = 'CONFIRMED' WHERE id = 1")) {
            ps.executeUpdate();
        }
    }

    /** Back to what ran before: {@code version}, taken at {@code appliedAt} from {@code source}. */
    public static void rolledBack(Tx c, long version, Optional<Instant> appliedAt, Optional<String> source)
            throws SQLException {
        set(c, "UPDATE config_running SET version = ?, state = 'CONFIRMED', applied_at = ?, source = ?,"
                + " previous_version = ? WHERE id = 1", version, appliedAt.map(Instant::toString).orElse(null),
                source.orElse(null), version);
    }

    private static void set(Tx c, String sql, long version, String at, String source, long previous)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, version);
            ps.setString(2, at);
            ps.setString(3, source);
            ps.setLong(4, previous);
            ps.executeUpdate();
        }
    }

    public static void record(Tx c, Instant at, OptionalLong version, String source, String origin, String outcome,
                              Optional<String> code, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO config_attempts (at, version, source, origin,"
                + " outcome, code, reason) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, at.toString());
            if (version.isPresent()) {
                ps.setLong(2, version.getAsLong());
            } else {
                ps.setNull(2, java.sql.Types.INTEGER);
            }
            ps.setString(3, source);
            ps.setString(4, origin);
            ps.setString(5, outcome);
            ps.setString(6, code.orElse(null));
            ps.setString(7, reason);
            ps.executeUpdate();
        }
    }

    /** The history, newest first. */
    public static List<Attempt> history(Tx c, int limit) throws SQLException {
        List<Attempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, version, source, origin, outcome, code, reason"
                + " FROM config_attempts ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(3);
                    OptionalLong version = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                    out.add(new Attempt(rs.getLong(1), Instant.parse(rs.getString(2)), version, rs.getString(4),
                            rs.getString(5), rs.getString(6), Optional.ofNullable(rs.getString(7)), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /**
     * Payments in progress: PENDING (a card on the reader, a wallet not yet answered) or whose flow
     * has not reached DONE (the host approved, the card's final word not yet journaled): a new
     * configuration is taken only when there are none, so each payment ends under the
     * configuration it began with, its reader and host connections untouched.
     */
    public static int paymentsInProgress(Tx c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM payments WHERE state = 'PENDING' OR step <> 'DONE'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
