package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal updated in the field: its journal, written by the release before payments became
 * method-neutral, opens under this one with every payment, its card details, the reversals and the
 * advices it owes, and the slips it owes.
 */
class PaymentsByMethodMigrationTest {
    private static final String T = "2026-11-22T08:00:00Z";

    @TempDir
    Path dir;

    @Test
    void aJournalOfThePreviousSchemaKeepsEveryPaymentItsCardDetailsReversalsAndAdvices() throws Exception {
        int previous = previousVersion();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys=ON");
            assertEquals(previous, Migrations.apply(c, previous));
            for (String order : List.of("o-card", "o-rev", "o-off", "o-cash", "o-wait")) {
                s.execute("INSERT INTO orders VALUES ('" + order + "', 1250, 'CNY', NULL, 'PAID', '" + T + "', '" + T
                        + "', '" + T + "')");
            }
            s.execute("INSERT INTO payments (payment_id, order_id, method, amount, currency, state, step, stan, "
                    + "transmitted_at, local_time, response_code, auth_code, rrn, masked_pan, entry_mode, aid, app_label, "
                    + "created_at, updated_at, completed_at) VALUES "
                    + "('pay-card', 'o-card', 'CARD', 1250, 'CNY', 'APPROVED', 'DONE', 17, '1122080000', "
                    + "'2026-11-22T16:00', '00', '123456', '000000000017', '************0119', 'CHIP', "
                    + "'A0000000031010', 'VISA CREDIT', '" + T + "', '" + T + "', '" + T + "'), "
                    + "('pay-rev', 'o-rev', 'CARD', 1250, 'CNY', 'FAILED', 'DONE', 18, '1122080100', "
                    + "'2026-11-22T16:01', NULL, NULL, NULL, '************0119', 'CONTACTLESS', NULL, NULL, '" + T + "', '"
                    + T + "', '" + T + "'), "
                    + "('pay-off', 'o-off', 'CARD', 1250, 'CNY', 'APPROVED_OFFLINE', 'DONE', 19, NULL, "
                    + "'2026-11-22T16:02', 'Y3', 'Y31234', NULL, '************0119', 'CHIP', NULL, NULL, '" + T + "', '"
                    + T + "', '" + T + "'), "
                    + "('pay-wait', 'o-wait', 'CARD', 1250, 'CNY', 'PENDING', 'AWAITING_CARD', NULL, NULL, NULL, NULL, "
                    + "NULL, NULL, NULL, NULL, NULL, NULL, '" + T + "', '" + T + "', NULL)");
            s.execute("INSERT INTO payments (payment_id, order_id, method, amount, currency, state, step, idempotency_key, "
                    + "created_at, updated_at, completed_at) VALUES ('pay-cash', 'o-cash', 'CASH', 1250, 'CNY', "
                    + "'APPROVED', 'DONE', 'key-1', '" + T + "', '" + T + "', '" + T + "')");
            s.execute("INSERT INTO payment_steps (payment_id, step, at, detail) VALUES ('pay-card', 'APPROVED', '" + T
                    + "', 'approved')");
            s.execute("INSERT INTO reversals (stan, payment_id, reason, original_mti, original_f7, transmitted_at, "
                    + "attempts, state, created_at) VALUES (18, 'pay-rev', 'no response in time', '0200', '1122080100', "
                    + "'1122080130', 1, 'PENDING', '" + T + "')");
            s.execute("INSERT INTO advices (stan, payment_id, amount, local_time, entry_mode, card_hash, masked_pan, "
                    + "sealed_card, auth_code, state, created_at) VALUES (19, 'pay-off', 1250, '2026-11-22T16:02', "
                    + "'CHIP', '" + "A".repeat(64) + "', '************0119', X'010203', 'Y31234', 'PENDING', '" + T + "')");
            s.execute("INSERT INTO receipts (payment_id, copy, state, created_at) VALUES ('pay-card', 'CUSTOMER', "
                    + "'PENDING', '" + T + "')");
        }

        try (Journal journal = Journal.open(dir)) {
            PaymentRow card = find(journal, "pay-card");
            assertEquals(PaymentMethod.CARD, card.method());
            assertEquals(PaymentType.SALE, card.type());
            assertEquals(Optional.empty(), card.originalPaymentId());
            assertEquals(new Money(1250, "CNY"), card.amount());
            assertEquals(PaymentState.APPROVED, card.state());
            assertEquals(Step.DONE, card.step());
            assertEquals(Optional.of(new CardDetails(Optional.of(17), Optional.of("1122080000"),
                    Optional.of("2026-11-22T16:00"), Optional.of("00"), Optional.of("123456"),
                    Optional.of("000000000017"), Optional.of("************0119"), Optional.of("CHIP"),
                    Optional.of("A0000000031010"), Optional.of("VISA CREDIT"))), card.card());

            PaymentRow reversed = find(journal, "pay-rev");
            assertEquals(Optional.of(18), reversed.stan());
            assertEquals(Optional.of("1122080100"), reversed.card().flatMap(CardDetails::transmittedAt));
            List<ReversalRow> owed = journal.read(ReversalTable::pending);
            assertEquals(1, owed.size());
            assertEquals("pay-rev", owed.get(0).paymentId());
            assertEquals(Optional.of("1122080130"), owed.get(0).transmittedAt(), "the 0401 keeps its field 7");
            assertEquals(1, owed.get(0).attempts());

            PaymentRow offline = find(journal, "pay-off");
            assertEquals(PaymentState.APPROVED_OFFLINE, offline.state());
            assertEquals(Optional.of("Y31234"), offline.card().flatMap(CardDetails::authCode));
            List<AdviceRow> advices = journal.read(AdviceTable::pending);
            assertEquals(1, advices.size());
            assertEquals("pay-off", advices.get(0).paymentId());
            assertArrayEquals(new byte[] {1, 2, 3}, advices.get(0).sealedCard().orElseThrow());

            PaymentRow waiting = find(journal, "pay-wait");
            assertEquals(Step.AWAITING_CARD, waiting.step());
            assertEquals(Optional.of(CardDetails.none()), waiting.card(), "a card payment keeps its (empty) card row");

            PaymentRow cash = find(journal, "pay-cash");
            assertEquals(PaymentMethod.CASH, cash.method());
            assertEquals(Optional.empty(), cash.card(), "a cash payment is not a card row of nulls");
            assertEquals(Optional.of("key-1"), cash.idempotencyKey());

            assertEquals(List.of("APPROVED approved"), journal.read(c -> PaymentTable.history(c, "pay-card")));
            assertEquals(1, journal.read(ReceiptTable::pending).size());
            assertFalse(journal.read(c -> columns(c, "payments")).contains("masked_pan"), "no card column left");
            assertTrue(journal.read(c -> foreignKeyProblems(c)).isEmpty());
        }
    }

    @Test
    void aCardPaymentIsSavedWithItsDetailsAndReadBackWhole() {
        try (Journal journal = Journal.open(dir)) {
            java.time.Instant now = java.time.Instant.parse(T);
            PaymentRow p = PaymentRow.sale("pay-1", "o-1", PaymentMethod.CARD, new Money(990, "CNY"), Optional.empty(),
                    now).withCard("************0119", "CHIP", Optional.of("A0000000031010"), Optional.empty(), now)
                    .withOnline(42, "1122080000", "2026-11-22T16:00", now)
                    .withHostAnswer(Step.HOST_APPROVED, "00", Optional.of("654321"), Optional.of("rrn-1"), now)
                    .finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), now);
            journal.inTransaction(c -> {
                OrderTable.insert(c, new OrderRow("o-1", 990, "CNY", Optional.empty(),
                        dev.posterm.core.payment.OrderState.PAID, now, now, now));
                PaymentTable.save(c, p, "test");
                return null;
            });
            assertEquals(p, find(journal, "pay-1"));
        }
    }

    private static PaymentRow find(Journal journal, String id) {
        return journal.read(c -> PaymentTable.find(c, id)).orElseThrow(() -> new AssertionError(id + " lost"));
    }

    private static int previousVersion() {
        for (int i = 0; i < Migrations.SCRIPTS.size(); i++) {
            if (Migrations.SCRIPTS.get(i).endsWith("__payments_by_method.sql")) {
                return i;
            }
        }
        throw new AssertionError("no payments_by_method migration");
    }

    private static List<String> columns(Tx tx, String table) throws java.sql.SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Statement s = tx.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                out.add(rs.getString("name"));
            }
        }
        return out;
    }

    private static List<String> foreignKeyProblems(Tx tx) throws java.sql.SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Statement s = tx.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
