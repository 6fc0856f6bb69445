package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal updated in the field: its journal, written before batches were kept, opens with every
 * payment in the open batch (the counter's number), and STANs never come round again within a batch.
 */
class BatchesMigrationTest {
    private static final String T = "2026-11-22T08:00:00Z";

    @TempDir
    Path dir;

    @Test
    void paymentsOfTheReleaseBeforeBatchesGoToTheOpenBatch() throws Exception {
        int before = Migrations.SCRIPTS.indexOf("V10__batches.sql");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
             Statement s = c.createStatement()) {
            assertEquals(before, Migrations.apply(c, before));
            s.execute("UPDATE counters SET value = 3 WHERE name = 'batch'");
            s.execute("UPDATE counters SET value = 41 WHERE name = 'stan'");
            for (String order : List.of("o-card", "o-cash")) {
                s.execute("INSERT INTO orders VALUES ('" + order + "', 1250, 'CNY', NULL, 'PAID', '" + T + "', '" + T
                        + "', '" + T + "')");
            }
            s.execute("INSERT INTO payments (payment_id, order_id, method, amount, currency, state, step, created_at, "
                    + "updated_at) VALUES ('pay-card', 'o-card', 'CARD', 1250, 'CNY', 'APPROVED', 'DONE', '" + T + "', '"
                    + T + "'), ('pay-cash', 'o-cash', 'CASH', 1250, 'CNY', 'APPROVED', 'DONE', '" + T + "', '" + T + "')");
        }
        try (Journal journal = Journal.open(dir)) {
            BatchRow open = journal.read(BatchTable::open);
            assertEquals(3, open.number());
            assertEquals(java.time.Instant.parse(T), open.openedAt(), "opened with its oldest payment");
            assertEquals(List.of("pay-card", "pay-cash"), journal.read(c -> BatchTable.members(c, 3)).stream()
                    .map(m -> m.payment().paymentId()).toList());
        }
    }

    @Test
    void aBatchThatHasUsedEveryStanRefusesMoreButItsCloseStillDrawsOne() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            // The open batch began with the counter at 0: its STANs run 1..999999 once, the last kept for the close.
            journal.inTransaction(c -> {
                try (Statement s = JournalSql.jdbc(c).createStatement()) {
                    s.execute("UPDATE counters SET value = 999998 WHERE name = 'stan'");
                }
                return null;
            });
            JournalException refused = assertThrows(JournalException.class,
                    () -> journal.inTransaction(Counters::nextStan));
            assertTrue(refused.getMessage().contains("close the batch"), refused.getMessage());
            BatchRow closing = journal.inTransaction(c -> BatchTable.closing(c, "0".repeat(32), "1203183000"));
            assertEquals(999_999, closing.closeStan().orElseThrow());
        }
    }
}
