package dev.posterm.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
    // SQLite primary result codes (an extended code carries one in its low byte).
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    private static final int PROBE_BYTES = 64 * 1024;
    private static final JournalHealth WRITABLE = new JournalHealth.Writable();

    private final Path file;
    private final Connection connection;
    private final Tx tx;
    private final List<Consumer<JournalHealth>> healthListeners = new CopyOnWriteArrayList<>();
    private volatile JournalHealth health = WRITABLE;

    private Journal(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.tx = new Tx(connection);
    }

    /**
     * Opens (creating if needed) {@code dataDir/journal.db}, checks it and brings its schema up to date.
     * Refuses, in a message naming the file and what to do, a file system that will not keep the
     * safety pragmas (WAL above all) and a file that fails {@code PRAGMA quick_check}.
     */
    /**
     * Every transaction begins IMMEDIATE: it takes the write lock at BEGIN, waiting up to the busy
     * timeout for another connection (a configuration being confirmed beside a controller starting,
     * a command-line tool) to finish. A deferred one that read first and then wrote while another
     * connection had committed would fail at once with SQLITE_BUSY, a wait the busy timeout cannot
     * cover, and lose its write.
     */
    private static java.util.Properties writer() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("transaction_mode", "IMMEDIATE");
        return p;
    }

    public static Journal open(Path dataDir) throws JournalException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new JournalException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve("journal.db");
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file, writer());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA secure_delete=ON");
                Optional<String> problem = pragmaProblem(file, text(s, "journal_mode"), Integer.parseInt(text(s, "synchronous")),
                        Integer.parseInt(text(s, "foreign_keys")), Integer.parseInt(text(s, "secure_delete")));
                if (problem.isPresent()) {
                    throw new JournalException(problem.get(), null);
                }
                String check = text(s, "quick_check(1)");
                if (!"ok".equals(check)) {
                    throw damaged(file, "quick_check: " + check, null);
                }
            }
            int version = Migrations.apply(c);
            Logger.info("journal {} open at schema version {}", file, version);
            return new Journal(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            int code = e.getErrorCode() & 0xFF;
            if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
                throw damaged(file, e.getMessage(), e);
            }
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * What is wrong with the pragmas as read back after setting them, if anything. SQLite does not
     * fail a pragma it cannot honour, it answers with what it did: a file system without the shared
     * memory WAL needs answers {@code journal_mode} "delete", and then a commit is no longer what
     * the engine counts on.
     */
    static Optional<String> pragmaProblem(Path file, String journalMode, int synchronous, int foreignKeys,
                                          int secureDelete) {
        if (!"wal".equalsIgnoreCase(journalMode)) {
            return Optional.of("the file system of " + file + " does not take the journal in WAL mode (SQLite answered"
                    + " journal_mode=" + journalMode + "): put data.dir on a local file system such as ext4 or f2fs");
        }
        if (synchronous != 2 || foreignKeys != 1 || secureDelete != 1) {
            return Optional.of("journal " + file + " did not keep its safety settings (synchronous=" + synchronous
                    + ", foreign_keys=" + foreignKeys + ", secure_delete=" + secureDelete + "; wanted 2, 1, 1):"
                    + " this SQLite build is not the one posterm ships; reinstall posterm");
        }
        return Optional.empty();
    }

    private static JournalException damaged(Path file, String what, Throwable cause) {
        return new JournalException("journal " + file + " is damaged (" + what + "): posterm will not run on it."
                + " Stop here, copy the whole data directory aside for support (the payments in it are needed for"
                + " reconciliation), then restore journal.db from a backup", cause);
    }

    private static String text(Statement s, String pragma) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // already failing; the first error is the one to report
            }
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

    /** Whether the journal takes writes, as the last commit found. */
    public JournalHealth health() {
        return health;
    }

    /** {@code listener} hears each change of {@link #health()}, on the thread that made the change, outside the journal's lock. */
    public void onHealthChange(Consumer<JournalHealth> listener) {
        healthListeners.add(listener);
    }

    /**
     * Runs {@code work} in one transaction: committed as a whole before this returns, or not at all.
     * A failure for want of room or of the storage also changes {@link #health()}; a success after
     * one changes it back.
     */
    public <T> T inTransaction(Work<T> work) {
        try {
            T result = commit(work);
            healthIs(WRITABLE);
            return result;
        } catch (SQLException e) {
            storageFault(e).ifPresent(this::healthIs);
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tries to commit a write that needs room ({@value #PROBE_BYTES} bytes, written and deleted in one
     * transaction, so the file keeps that room as free pages): how a sick journal is found well
     * again before payments resume.
     *
     * @return the health found
     */
    public JournalHealth probe() {
        try {
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO journal_probe (id, room) VALUES (1, zeroblob(" + PROBE_BYTES + "))");
                    s.executeUpdate("DELETE FROM journal_probe");
                }
                return null;
            });
        } catch (JournalException e) {
            Logger.warn("journal probe: {}", e.getMessage());
        }
        return health;
    }

    private synchronized <T> T commit(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(tx);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException again) {
                // SQLite may have rolled back already (after SQLITE_FULL or an I/O error it can)
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // The driver ends the transaction it thinks open; after a rollback SQLite did itself
                // there is none, which is fine: the outcome above is what the caller must hear.
                Logger.debug("journal {}: back to autocommit: {}", file, e.getMessage());
            }
        }
    }

    /** A failure of the storage rather than of the work: these stop new payments until a write succeeds. */
    private Optional<JournalHealth> storageFault(SQLException e) {
        String detail = file + ": " + e.getMessage();
        return switch (e.getErrorCode() & 0xFF) {
            case SQLITE_FULL -> Optional.of(new JournalHealth.Full(detail));
            case SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_CORRUPT, SQLITE_NOTADB ->
                    Optional.of(new JournalHealth.Failing(detail));
            default -> Optional.empty();
        };
    }

    private void healthIs(JournalHealth now) {
        JournalHealth was;
        synchronized (healthListeners) {
            was = health;
            if (was.getClass() == now.getClass()) {
                return;   // a second failure of the same kind is the same news
            }
            health = now;
        }
        if (now instanceof JournalHealth.Writable) {
            Logger.info("journal {} takes writes again", file);
        } else {
            Logger.error("journal {} cannot take writes: {}", file, now);
        }
        healthListeners.forEach(l -> l.accept(now));
    }

    /** Reads without a transaction of its own (each statement sees committed data). */
    public synchronized <T> T read(Work<T> work) {
        try {
            return work.run(tx);
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

    /**
     * A unit of journal work: the tables' methods called on {@code tx}. The SQL exceptions they
     * throw are the journal's to turn into a {@link JournalException}; a caller never names them.
     */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Journal work with no result, to add to another's transaction (a payment's outcome and its slips, say). */
    @FunctionalInterface
    public interface Also {
        void run(Tx tx) throws SQLException;

        /** Nothing more. */
        static Also nothing() {
            return tx -> { };
        }
    }
}
