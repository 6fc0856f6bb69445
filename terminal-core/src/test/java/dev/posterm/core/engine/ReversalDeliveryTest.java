package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.ReversalRow;
import dev.posterm.core.journal.ReversalTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ends a reversal, and what the queue does with the rest (host-link.md, docs/host-link.md). */
class ReversalDeliveryTest {
    @TempDir
    Path dir;
    EngineRig rig;

    @BeforeEach
    void open() {
        rig = new EngineRig(dir, false);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void twoReversalsWhoseOriginalsShareAStanAreBothDelivered() throws Exception {
        owe("pay-before-wrap", 17, "0101120000");
        owe("pay-after-wrap", 17, "0301090000");

        assertEquals(2, rig.reversals.pendingCount(), "the counter wrapped: same STAN, two originals");
        assertTrue(rig.reversals.deliverAll());

        assertEquals(List.of("0400", "0400"), rig.host.mtis());
        assertEquals(List.of("0200" + "000017" + "0101120000" + "0".repeat(22),
                "0200" + "000017" + "0301090000" + "0".repeat(22)),
                rig.host.requests.stream().map(m -> m.field(90).orElseThrow()).toList());
        assertEquals(0, rig.reversals.pendingCount());
    }

    @Test
    void a96IsRepeatedAs0401WithTheSameField7UntilTheHostAnswers00() throws Exception {
        owe("pay-96", 21, "0101120000");
        answers("96", "00");

        assertFalse(rig.reversals.deliverAll(), "96 is not final: the reversal stays owed");
        assertEquals(1, rig.reversals.pendingCount());
        assertTrue(rig.reversals.deliverAll());

        assertEquals(List.of("0400", "0401"), rig.host.mtis());
        assertEquals(rig.host.requests.get(0).field(7), rig.host.requests.get(1).field(7), "a repeat keeps field 7");
        assertEquals(0, rig.reversals.pendingCount());
        assertEquals(Optional.of("00"), reversal("pay-96").responseCode());
    }

    @Test
    void aReversalTheHostKeepsRefusingRaisesReversalStuckUntilItIsDelivered() throws Exception {
        owe("pay-stuck", 22, "0101120000");
        answers("91", "96", "05", "00");

        assertFalse(rig.reversals.deliverAll());
        assertFalse(rig.reversals.deliverAll());
        assertTrue(rig.alerts.open().isEmpty(), "two refusals are not yet stuck");
        assertFalse(rig.reversals.deliverAll());

        assertEquals(List.of("REVERSAL_STUCK"), rig.alerts.open().stream().map(a -> a.code()).toList());
        ReversalTable.Summary summary = rig.reversals.summary();
        assertEquals(1, summary.pending());
        assertEquals(1, summary.stuck());
        assertTrue(summary.oldest().isPresent(), "status shows since when");

        assertTrue(rig.reversals.deliverAll());
        assertTrue(rig.alerts.open().isEmpty(), "cleared once delivered");
        assertEquals(new ReversalTable.Summary(0, 0, Optional.empty()), rig.reversals.summary());
        assertEquals(List.of("0400", "0401", "0401", "0401"), rig.host.mtis());
    }

    @Test
    void originalNotFoundAndDuplicateEndTheReversal() throws Exception {
        owe("pay-25", 23, "0101120000");
        owe("pay-94", 24, "0101120001");
        answers("25", "94");

        assertTrue(rig.reversals.deliverAll());

        assertEquals(Optional.of("25"), reversal("pay-25").responseCode());
        assertEquals("DONE", reversal("pay-25").state());
        assertEquals(Optional.of("94"), reversal("pay-94").responseCode());
        assertEquals(List.of("0400", "0400"), rig.host.mtis());
    }

    /** The host's answers to reversals, in order; approves once they are spent. */
    private void answers(String... codes) {
        java.util.Deque<String> next = new java.util.ArrayDeque<>(List.of(codes));
        rig.host.answer = r -> FakeHost.answer(r, next.isEmpty() ? "00" : next.poll());
    }

    private ReversalRow reversal(String paymentId) {
        return rig.journal.read(c -> ReversalTable.forPayment(c, paymentId)).get(0);
    }

    private void owe(String paymentId, int stan, String f7) {
        String order = "o-" + paymentId;
        rig.journal.inTransaction(c -> {
            dev.posterm.core.journal.JournalSql.jdbc(c).createStatement().execute("INSERT INTO orders VALUES ('" + order + "', 700, 'CNY', NULL, 'UNPAID', "
                    + "'x', 'x', 'x')");
            PaymentRow p = PaymentRow.sale(paymentId, order, dev.posterm.core.payment.PaymentMethod.CARD, new dev.posterm.core.payment.Money(700, "CNY"), Optional.empty(), Instant.now())
                    .withCard("************0119", "CHIP", Optional.empty(), Optional.empty(), Instant.now())
                    .withOnline(stan, f7, "2026-01-01T20:00", Instant.now())
                    .finish(dev.posterm.core.payment.PaymentState.FAILED, Optional.of("HOST_TIMEOUT"), Optional.empty(), Instant.now());
            dev.posterm.core.journal.PaymentTable.save(c, p, "test");
            ReversalTable.queue(c, stan, paymentId, "no response in time", "0200", f7, Instant.now());
            return null;
        });
    }

}
