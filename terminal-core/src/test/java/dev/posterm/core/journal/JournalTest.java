package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void opensInWalWithFullSyncAtTheLatestSchema() {
        try (Journal journal = Journal.open(dir)) {
            assertEquals("wal", pragma(journal, "journal_mode"));
            assertEquals("2", pragma(journal, "synchronous"), "FULL");
            assertEquals("1", pragma(journal, "secure_delete"));
            assertEquals(String.valueOf(Migrations.SCRIPTS.size()), pragma(journal, "user_version"));
        }
    }

    @Test
    void theStanSurvivesARestartAndWrapsAfter999999() {
        try (Journal journal = Journal.open(dir)) {
            assertEquals(1, (int) journal.inTransaction(Counters::nextStan));
            assertEquals(2, (int) journal.inTransaction(Counters::nextStan));
        }
        try (Journal journal = Journal.open(dir)) {
            assertEquals(3, (int) journal.inTransaction(Counters::nextStan), "never reused after a restart");
            journal.inTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE counters SET value = 999999 WHERE name = 'stan'"));
            assertEquals(1, (int) journal.inTransaction(Counters::nextStan));
        }
    }

    @Test
    void aJournalFromANewerReleaseIsRefusedNotDowngraded() {
        try (Journal journal = Journal.open(dir)) {
            journal.inTransaction(c -> c.createStatement().executeUpdate("PRAGMA user_version = 99"));
        }
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void aFailedStepLeavesNothingBehind() {
        try (Journal journal = Journal.open(dir)) {
            assertThrows(JournalException.class, () -> journal.inTransaction(c -> {
                Counters.nextStan(c);
                throw new java.sql.SQLException("disk full");
            }));
            assertEquals(1, (int) journal.inTransaction(Counters::nextStan), "the first increment was rolled back");
        }
    }

    private static String pragma(Journal journal, String name) {
        return journal.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void everySafetyPragmaIsReadBackAndAFileSystemWithoutWalIsRefused() {
        try (Journal journal = Journal.open(dir)) {
            assertEquals("1", pragma(journal, "foreign_keys"));
        }
        // What a file system that cannot map WAL's shared memory answers (SQLite stays in DELETE mode).
        String refused = Journal.pragmaProblem(dir.resolve("journal.db"), "delete", 2, 1, 1).orElseThrow();
        assertTrue(refused.contains("WAL") && refused.contains(dir.toString()), refused);
        assertTrue(Journal.pragmaProblem(dir.resolve("journal.db"), "wal", 1, 1, 1).orElseThrow().contains("synchronous"));
        assertTrue(Journal.pragmaProblem(dir.resolve("journal.db"), "wal", 2, 1, 1).isEmpty());
    }

    @Test
    void aDamagedJournalIsRefusedNamingTheFileAndWhatToDo() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < 200; i++) {
                        s.executeUpdate("INSERT INTO alerts (code, detail, raised_at) VALUES ('A" + i + "', '"
                                + "x".repeat(300) + "', '2024-01-01T00:00:00Z')");
                    }
                }
                return null;
            });
            journal.read(c -> c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        Path file = dir.resolve("journal.db");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 4096 * 3 + 8);   // inside a b-tree page of the alerts table, past its header
            raf.write(new byte[2000]);
            raf.seek(raf.length() - 4096 * 5);        // and a page header
            raf.write(new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, 1, 2, 3, 4});
        }
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("backup"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedAsDamaged() throws Exception {
        Files.write(dir.resolve("journal.db"), "this is not an SQLite file, it is a text file".repeat(200).getBytes());
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    /**
     * A full disk for real: {@code max_page_count} caps the real file where it stands, so the next
     * step that needs a page fails with SQLITE_FULL as on a full flash.
     */
    @Test
    void aFullDiskFailsTheStepKeepsWhatWasCommittedAndSaysSoUntilAWriteSucceedsAgain() {
        try (Journal journal = Journal.open(dir)) {
            journal.inTransaction(Counters::nextStan);
            java.util.List<JournalHealth> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            journal.onHealthChange(heard::add);
            fill(journal);

            JournalException e = assertThrows(JournalException.class, () -> journal.inTransaction(c -> {
                Counters.nextStan(c);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO alerts (code, detail, raised_at) VALUES ('BIG', '"
                            + "y".repeat(20_000) + "', '2024-01-01T00:00:00Z')");
                }
                return null;
            }));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertInstanceOf(JournalHealth.Full.class, journal.health());
            assertEquals(java.util.List.of(journal.health()), heard, "told once");
            assertEquals(2, (int) journal.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT value FROM counters WHERE name = 'stan'")) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            }) + 1, "the failed step rolled back; the committed one stays");
            assertInstanceOf(JournalHealth.Full.class, journal.probe(), "no room yet");

            journal.read(c -> c.createStatement().execute("PRAGMA max_page_count = 1073741823"));
            assertInstanceOf(JournalHealth.Writable.class, journal.probe(), "room again");
            assertEquals(2, heard.size());
            assertEquals(2, (int) journal.inTransaction(Counters::nextStan));
        }
        try (Journal again = Journal.open(dir)) {
            assertEquals(3, (int) again.inTransaction(Counters::nextStan), "nothing committed was lost");
        }
    }

    /** Caps the file at the pages it has now. */
    static void fill(Journal journal) {
        journal.read(c -> {
            try (Statement s = c.createStatement()) {
                int pages;
                try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    rs.next();
                    pages = rs.getInt(1);
                }
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }
}
