package dev.posterm.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** JDBC conversions shared by the tables: optionals to NULLs and instants to ISO-8601 text. */
final class Rows {
    private Rows() {
    }

    static void text(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    static void integer(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    static void instant(PreparedStatement ps, int index, Optional<Instant> value) throws SQLException {
        text(ps, index, value.map(Instant::toString));
    }

    static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static Optional<Integer> integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.parse(rs.getString(column));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return text(rs, column).map(Instant::parse);
    }
}
