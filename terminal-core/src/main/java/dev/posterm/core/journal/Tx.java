package dev.posterm.core.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An open unit of journal work (a transaction, or a read) that the tables' methods run on. Opaque
 * outside this package: a caller can hand it from {@link Journal#inTransaction} to the tables, so
 * several tables change in one commit, but never reach the SQL under it. Valid only inside the
 * work it was given to.
 */
public final class Tx {
    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement prepareStatement(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    Statement createStatement() throws SQLException {
        return connection.createStatement();
    }

    /** For the journal's own tests, which look at the file below the tables. */
    Connection connection() {
        return connection;
    }
}
