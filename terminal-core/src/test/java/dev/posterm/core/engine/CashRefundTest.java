package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cash refunds: paid out of the drawer with a slip, within what was paid; a cash void is refused. */
class CashRefundTest {
    @TempDir
    Path dir;

    @Test
    void aCashRefundOpensTheDrawerPrintsARefundSlipAndNeverExceedsThePayment() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            rig.engine.createOrder(new NewOrder(Optional.of("K-1"), new Money(1000, "CNY"), Optional.empty(),
                    Optional.empty()));
            Payment sale = rig.engine.startPayment("K-1", new NewPayment(PaymentMethod.CASH, Optional.empty(),
                    Optional.empty()), Optional.empty());
            rig.spooler.printOwed();
            int kicks = rig.printer.drawerKicks.get();
            int slips = rig.printer.slips.size();

            Payment refund = rig.engine.refund(sale.paymentId(), 400, Optional.of("k"));

            assertEquals(PaymentState.APPROVED, refund.state());
            assertEquals(PaymentType.REFUND, refund.type());
            assertEquals(PaymentMethod.CASH, refund.method());
            rig.spooler.printOwed();
            assertEquals(kicks + 1, rig.printer.drawerKicks.get(), "the drawer opened for the refund");
            assertTrue(rig.printer.slips.subList(slips, rig.printer.slips.size()).stream()
                    .anyMatch(s -> s.contains("REFUNDED IN CASH") && s.contains("AMOUNT CNY 4.00")), rig.printer.slips.toString());
            assertEquals(OrderState.PAID, rig.engine.order("K-1").orElseThrow().state());

            assertEquals(ErrorCode.REFUND_EXCEEDS_PAID, assertThrows(Refused.class,
                    () -> rig.engine.refund(sale.paymentId(), 601, Optional.empty())).code());
            assertEquals(kicks + 1, rig.printer.drawerKicks.get(), "no drawer for a refused refund");

            rig.engine.refund(sale.paymentId(), 600, Optional.empty());
            assertEquals(PaymentState.REFUNDED, rig.engine.payment(sale.paymentId()).orElseThrow().state());
            assertEquals(OrderState.REFUNDED, rig.engine.order("K-1").orElseThrow().state());
            assertEquals(ErrorCode.CASH_NOT_VOIDABLE, assertThrows(Refused.class,
                    () -> rig.engine.voidPayment(sale.paymentId())).code());
        }
    }
}
