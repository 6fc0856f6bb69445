package dev.posterm.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import dev.posterm.core.settlement.BatchTotals;
import dev.posterm.core.settlement.SettlementRow;
import dev.posterm.core.settlement.Tally;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Voids and refunds in a batch's rows and totals, as settlement-file.md and field 63 count them. */
class BatchRowsTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void anAdvisedOfflineSaleRefundedInFullStaysAdvisedAndASaleAndItsRefundCountsApart() {
        PaymentRow offline = cardSale("pay-off", 3000, PaymentState.REFUNDED, Optional.of("Y1"), Optional.of("000000000077"));
        PaymentRow refund = PaymentRow.returnOf(offline, "pay-ref", PaymentType.REFUND, 3000, Optional.empty(), T)
                .withOnline(9, "1203100000", "2026-12-03T18:00:00", T)
                .withHostAnswer(dev.posterm.core.journal.Step.HOST_APPROVED, "00", Optional.of("123456"),
                        Optional.of("000000000088"), T)
                .finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), T);
        PaymentRow voided = cardSale("pay-v", 2000, PaymentState.VOIDED, Optional.of("00"), Optional.of("000000000099"));
        PaymentRow theVoid = PaymentRow.returnOf(voided, "pay-vd", PaymentType.VOID, 2000, Optional.empty(), T)
                .withOnline(10, "1203100100", "2026-12-03T18:01:00", T)
                .withHostAnswer(dev.posterm.core.journal.Step.HOST_APPROVED, "00", Optional.of("654321"),
                        Optional.of("000000000100"), T)
                .finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), T);

        List<SettlementRow> rows = BatchRows.rows(List.of(
                new BatchTable.Member(offline, Optional.of("SETTLED"), Optional.of("00")),
                new BatchTable.Member(refund, Optional.empty(), Optional.empty()),
                new BatchTable.Member(voided, Optional.empty(), Optional.empty()),
                new BatchTable.Member(theVoid, Optional.empty(), Optional.empty())));
        BatchTotals totals = BatchRows.totals(rows);

        assertEquals(SettlementRow.HostStatus.ADVISED, rows.get(0).hostStatus(), "accepted offline, then refunded");
        assertEquals(SettlementRow.State.REFUNDED, rows.get(0).state());
        assertEquals(new Tally(1, 3000), totals.offlineAdvised());
        assertEquals(new Tally(1, 3000), totals.sales(), "a refund is counted as a refund, not by taking the sale away");
        assertEquals(new Tally(1, 3000), totals.refunds());
        assertEquals(new Tally(1, 2000), totals.voids());
        assertEquals("pay-v", rows.get(3).originalPaymentId());
        assertEquals("0001" + "000000003000" + "0001" + "000000003000", totals.cardField63(),
                "the voided sale left out, the refund apart");
    }

    private static PaymentRow cardSale(String id, long amount, PaymentState state, Optional<String> rc,
                                       Optional<String> rrn) {
        return PaymentRow.sale(id, "o-" + id, PaymentMethod.CARD, new Money(amount, "CNY"), Optional.empty(), T)
                .withCard("************0119", "CHIP", Optional.empty(), Optional.empty(), T)
                .withOnline(1, "1203090000", "2026-12-03T17:00:00", T)
                .withHostAnswer(dev.posterm.core.journal.Step.HOST_APPROVED, rc.orElseThrow(), Optional.of("A1B2C3"),
                        rrn, T)
                .finish(state, Optional.empty(), Optional.empty(), T);
    }
}
