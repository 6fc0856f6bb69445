package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.journal.Step;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aPaymentCutOffAfterThe0200LeftIsReversedAndItsOrderFreed() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            rig.engine.createOrder(new NewOrder(Optional.of("o1"), new Money(700, "CNY"), Optional.empty(),
                    Optional.empty()));
            PaymentRow cut = PaymentRow.sale("pay-cut", "o1", dev.posterm.core.payment.PaymentMethod.CARD, new dev.posterm.core.payment.Money(700, "CNY"), Optional.empty(), Instant.now())
                    .withCard("************0119", "CHIP", Optional.empty(), Optional.empty(), Instant.now())
                    .withOnline(17, "1122334455", "2026-11-22T10:00:00", Instant.now());
            rig.book.save(cut, "as the crash left it",
                    c -> dev.posterm.core.journal.OrderTable.setState(c, "o1", OrderState.PAYING, Instant.now()));
        }

        try (EngineRig rig = new EngineRig(dir, false)) {
            assertEquals(1, new Recovery(rig.book, rig.clock).run());

            Payment p = rig.engine.payment("pay-cut").orElseThrow();
            assertEquals(PaymentState.FAILED, p.state());
            assertEquals(OrderState.UNPAID, rig.engine.order("o1").orElseThrow().state());
            var reversal = rig.journal.read(c -> ReversalTable.forPayment(c, "pay-cut")).get(0);
            assertEquals("1122334455", reversal.originalF7());
            assertEquals(0, new Recovery(rig.book, rig.clock).run(), "recovery runs again harmlessly");

            assertEquals(true, rig.reversals.deliverAll());
            assertEquals("0400", rig.host.requests.get(0).mti());
            assertEquals(Optional.of("000017"), rig.host.requests.get(0).field(11));
        }
    }

    @Test
    void aPaymentCutOffBeforeTheHostWasAskedFailsWithoutAReversal() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            rig.engine.createOrder(new NewOrder(Optional.of("o2"), new Money(700, "CNY"), Optional.empty(),
                    Optional.empty()));
            rig.book.save(PaymentRow.sale("pay-early", "o2", dev.posterm.core.payment.PaymentMethod.CARD, new dev.posterm.core.payment.Money(700, "CNY"), Optional.empty(), Instant.now()),
                    "waiting for a card", c -> dev.posterm.core.journal.OrderTable.setState(c, "o2", OrderState.PAYING, Instant.now()));
        }
        try (EngineRig rig = new EngineRig(dir, false)) {
            new Recovery(rig.book, rig.clock).run();
            assertEquals(PaymentState.FAILED, rig.engine.payment("pay-early").orElseThrow().state());
            assertEquals(0, rig.reversals.pendingCount());
            assertEquals(Step.DONE, rig.book.find("pay-early").orElseThrow().step());
        }
    }
}
