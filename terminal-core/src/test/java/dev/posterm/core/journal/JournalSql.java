package dev.posterm.core.journal;

import java.sql.Connection;

/** For tests that look at (or damage) the journal below its tables: the JDBC connection under a {@link Tx}. */
public final class JournalSql {
    private JournalSql() {
    }

    public static Connection jdbc(Tx tx) {
        return tx.connection();
    }
}
