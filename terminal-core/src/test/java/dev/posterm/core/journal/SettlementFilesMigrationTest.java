package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal updated after it closed batches: the files of those batches become known (so the API
 * serves them), none fetched yet, and a batch closed from now on records its two files itself.
 */
class SettlementFilesMigrationTest {
    private static final String T = "2026-11-22T23:30:00Z";

    @TempDir
    Path dir;

    @Test
    void filesOfBatchesClosedBeforeTheUpdateAreKnownAndNotFetched() throws Exception {
        int before = Migrations.SCRIPTS.indexOf("V12__settlement_files.sql");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
             Statement s = c.createStatement()) {
            assertEquals(before, Migrations.apply(c, before));
            s.execute("UPDATE batches SET state = 'CLOSED', closed_at = '" + T + "', csv_name = "
                    + "'settlement-T0000001-000001.csv', chain_head = '" + "a".repeat(64) + "'");
            s.execute("INSERT INTO batches (number, state, opened_at, first_stan) VALUES (2, 'OPEN', '" + T + "', 7)");
        }
        try (Journal journal = Journal.open(dir)) {
            List<SettlementFileTable.FileRow> files = journal.read(SettlementFileTable::all);
            assertEquals(List.of("settlement-T0000001-000001.csv", "settlement-T0000001-000001.json"),
                    files.stream().map(SettlementFileTable.FileRow::name).toList());
            assertTrue(files.stream().allMatch(f -> f.fetchedAt().isEmpty() && f.removedAt().isEmpty()
                    && f.batch() == 1 && f.closedAt().equals(java.time.Instant.parse(T))));

            journal.inTransaction(c -> BatchTable.close(c, java.util.Optional.of("00"), java.util.Optional.empty(),
                    false, "settlement-T0000001-000002.csv", "b".repeat(64), List.of(), java.time.Instant.parse(T)));
            assertEquals(List.of("settlement-T0000001-000002.csv", "settlement-T0000001-000002.json",
                    "settlement-T0000001-000001.csv", "settlement-T0000001-000001.json"),
                    journal.read(SettlementFileTable::all).stream().map(SettlementFileTable.FileRow::name).toList());
        }
    }
}
