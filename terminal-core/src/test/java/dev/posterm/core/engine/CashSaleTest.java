package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.CashDetails;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.Cid;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cash: the change is computed and journaled, the drawer opens, one slip prints; cash stays out of card totals. */
class CashSaleTest {
    @TempDir
    Path dir;

    private static Payment payCash(EngineRig rig, String orderId, long amount, Optional<Long> tendered) throws Exception {
        rig.engine.createOrder(new NewOrder(Optional.of(orderId), new Money(amount, "CNY"), Optional.empty(),
                Optional.empty()));
        return rig.engine.startPayment(orderId, new NewPayment(PaymentMethod.CASH, Optional.empty(), tendered),
                Optional.empty());
    }

    @Test
    void tenderedGivesTheChangeDueJournaledWithThePaymentAndTheDrawerOpensBeforeTheSlip() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment p = payCash(rig, "C-1", 1250, Optional.of(2000L));

            assertEquals(PaymentState.APPROVED, p.state());
            assertEquals(Optional.of(2000L), p.tendered());
            assertEquals(Optional.of(750L), p.changeDue());
            assertEquals(OrderState.PAID, rig.engine.order("C-1").orElseThrow().state());
            assertEquals(Optional.of(new CashDetails(2000, 750)),
                    rig.journal.read(c -> PaymentTable.find(c, p.paymentId())).orElseThrow().cash(), "in the journal");
            assertEquals(Optional.of(750L), rig.engine.payment(p.paymentId()).orElseThrow().changeDue(), "read back");

            rig.spooler.printOwed();

            assertEquals(1, rig.printer.drawerKicks.get(), "the drawer opened");
            assertEquals(1, rig.printer.slips.size(), "one cash slip");
            String slip = rig.printer.slips.get(0);
            assertTrue(slip.contains("AMOUNT CNY 12.50"), slip);
            assertTrue(slip.contains("CASH TENDERED CNY 20.00"), slip);
            assertTrue(slip.contains("CHANGE CNY 7.50"), slip);
            assertTrue(slip.contains("PAID IN CASH"), slip);
        }
    }

    @Test
    void theCashSlipInChineseAndExactCashWithoutTendered() throws Exception {
        try (EngineRig rig = new EngineRig(dir, true)) {
            Payment p = payCash(rig, "C-2", 1250, Optional.empty());
            assertEquals(Optional.of(0L), p.changeDue(), "the exact amount");

            rig.spooler.printOwed();

            String slip = rig.printer.slips.get(0);
            assertTrue(slip.contains("实收现金 CNY 12.50"), slip);
            assertTrue(slip.contains("找零 CNY 0.00"), slip);
            assertTrue(slip.contains("现金收讫"), slip);
        }
    }

    @Test
    void lessThanTheAmountIsRefusedAndNothingChanges() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Refused r = assertThrows(Refused.class, () -> payCash(rig, "C-3", 1250, Optional.of(1000L)));
            assertEquals(ErrorCode.BAD_REQUEST, r.code());
            assertEquals(OrderState.UNPAID, rig.engine.order("C-3").orElseThrow().state());
            rig.spooler.printOwed();
            assertEquals(0, rig.printer.drawerKicks.get());
        }
    }

    @Test
    void cashCountsInTheTerminalsTotalsNeverInTheAcquirers() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            payCash(rig, "C-4", 1250, Optional.of(2000L));
            rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
            rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
            assertEquals(PaymentState.APPROVED, rig.payByCard("K-1", 3000).state());

            assertEquals(new PaymentTable.Totals(1, 3000), rig.journal.read(PaymentTable::approvedCardSales),
                    "the card totals (field 63) hold the card sale only");
            assertEquals(new PaymentTable.Totals(1, 1250), rig.journal.read(PaymentTable::approvedCashSales));
        }
    }
}
