package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
