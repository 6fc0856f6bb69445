package dev.posterm.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.tinylog.Logger;

/**
 * The terminal's journal: one SQLite file under {@code data.dir}, the truth about every order and
 * payment. Everything else (receipts, reversals, totals) derives from it and can be redone after
 * a crash.
 *
 * <p>WAL with {@code synchronous=FULL}: a committed step survives power loss, which is what lets the
 * engine commit a state change before each external action (a 0200 leaving, the reader being told
 * the outcome, a slip printing). {@code secure_delete} so that deleted rows do not linger on flash.
 *
 * <p>One connection, used under this object's lock: SQLite has one writer anyway, and a terminal's
 * load (a few payments a minute) never needs more. The only class that opens JDBC.
 */
public final class Journal implements AutoCloseable {
    private final Path file;
    private final Connection connection;

    private Journal(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) {@code dataDir/journal.db} and brings its schema up to date. */
    public static Journal open(Path dataDir) throws JournalException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new JournalException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve("journal.db");
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA secure_delete=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            int version = Migrations.apply(c);
            Logger.info("journal {} open at schema version {}", file, version);
            return new Journal(file, c);
        } catch (SQLException e) {
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing journal read-only, for tools that look while the controller runs (WAL lets
     * a reader in beside the writer). Nothing is migrated or created.
     */
    public static Journal openReadOnly(Path dataDir) throws JournalException {
        Path file = dataDir.resolve("journal.db");
        if (!Files.exists(file)) {
            throw new JournalException("no journal at " + file + " (is data.dir right?)", null);
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
            }
            return new Journal(file, c);
        } catch (SQLException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction: committed as a whole before this returns, or not at all. */
    public synchronized <T> T inTransaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads without a transaction of its own (each statement sees committed data). */
    public synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            Logger.warn("closing journal {}: {}", file, e.getMessage());
        }
    }

    /** A unit of journal work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
