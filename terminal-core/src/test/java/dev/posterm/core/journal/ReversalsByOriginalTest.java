package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * host-link.md: "a reversal is found by its original's MTI, STAN and field 7 (field 90), never by
 * the STAN alone, since the counter wraps". The journal keys reversals the same way.
 */
class ReversalsByOriginalTest {
    @TempDir
    Path dir;

    @Test
    void twoReversalsWhoseOriginalsShareAStanAreBothKept() {
        try (Journal journal = Journal.open(dir)) {
            journal.inTransaction(c -> {
                payment(c, "pay-a", "0101120000");
                payment(c, "pay-b", "0102120000");
                ReversalTable.queue(c, 17, "pay-a", "no response in time", "0200", "0101120000", Instant.now());
                ReversalTable.queue(c, 17, "pay-b", "no response in time", "0200", "0102120000", Instant.now());
                ReversalTable.queue(c, 17, "pay-b", "queued again", "0200", "0102120000", Instant.now());
                return null;
            });
            List<ReversalRow> pending = journal.read(ReversalTable::pending);
            assertEquals(List.of("pay-a", "pay-b"), pending.stream().map(ReversalRow::paymentId).toList(),
                    "both kept, the repeat of the second ignored");
        }
    }

    @Test
    void aJournalOfTheLastReleaseKeepsItsReversalsWhenUpgraded() throws Exception {
        Path file = dir.resolve("journal.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String script : List.of("V1__spine.sql", "V2__store_and_forward.sql")) {
                for (String sql : Migrations.statements(load(script))) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version=2");
            s.execute("INSERT INTO orders VALUES ('o1', 700, 'CNY', NULL, 'UNPAID', 'x', 'x', 'x')");
            s.execute("INSERT INTO payments (payment_id, order_id, method, amount, currency, state, step, stan, "
                    + "transmitted_at, local_time, created_at, updated_at) VALUES ('pay-old', 'o1', 'CARD', 700, 'CNY', "
                    + "'FAILED', 'DONE', 42, '0101120000', '2026-01-01T20:00', 'x', 'x')");
            s.execute("INSERT INTO reversals (stan, payment_id, reason, original_mti, original_f7, transmitted_at, "
                    + "attempts, state, created_at) VALUES (42, 'pay-old', 'no response in time', '0200', '0101120000', "
                    + "'0101120031', 2, 'PENDING', '2026-01-01T12:00:31Z')");
        }
        try (Journal journal = Journal.open(dir)) {
            ReversalRow kept = journal.read(ReversalTable::pending).get(0);
            assertEquals(42, kept.stan());
            assertEquals("pay-old", kept.paymentId());
            assertEquals(2, kept.attempts(), "the next send is a 0401");
            assertEquals(java.util.Optional.of("0101120031"), kept.transmittedAt(), "with the field 7 of the first");
        }
    }

    private static void payment(Tx c, String id, String f7) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders VALUES ('o-" + id + "', 700, 'CNY', NULL, 'UNPAID', 'x', 'x', 'x')");
        }
        PaymentTable.save(c, PaymentRow.sale(id, "o-" + id, dev.posterm.core.payment.PaymentMethod.CARD, new dev.posterm.core.payment.Money(700, "CNY"), java.util.Optional.empty(),
                Instant.now()).withOnline(17, f7, "2026-01-01T20:00", Instant.now()), "test");
    }

    private static String load(String script) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream(script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
