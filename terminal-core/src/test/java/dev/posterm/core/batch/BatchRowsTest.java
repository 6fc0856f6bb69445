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
        assertEquals(SettlementRow.EntryMode.NONE, rows.get(1).entryMode(), "a refund reads no card");
        assertEquals("0119", rows.get(1).cardLast4(), "the sale's last four");
        assertEquals("000000000088", rows.get(1).rrn(), "the refund's own RRN");
        assertEquals("0001" + "000000003000" + "0001" + "000000003000", totals.cardField63(),
                "the voided sale left out, the refund apart");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void aQrSaleAndItsRefundAreRowsWithTheirWalletAndNumbers() throws Exception {
        try (dev.posterm.core.journal.Journal journal = dev.posterm.core.journal.Journal.open(dir)) {
            dev.posterm.core.journal.QrDetails qr = new dev.posterm.core.journal.QrDetails("T0000001Q1", "WECHAT",
                    "13****1234", Optional.of("W42"), T, T.plusSeconds(900), "DONE", Optional.empty(), 0,
                    Optional.empty(), Optional.empty());
            PaymentRow sale = PaymentRow.sale("pay-qr", "o-qr", PaymentMethod.QR, new Money(2000, "CNY"),
                    Optional.empty(), T).withQr(qr, T).finishQr(PaymentState.APPROVED, Optional.empty(), qr, T);
            PaymentRow refund = PaymentRow.returnOf(sale, "pay-qrr", PaymentType.REFUND, 500, Optional.empty(),
                    T.plusSeconds(60)).finish(PaymentState.DECLINED, Optional.of("QR_REFUND_EXCEEDED"), Optional.empty(),
                    T.plusSeconds(60));
            journal.inTransaction(c -> {
                dev.posterm.core.journal.OrderTable.insert(c, new dev.posterm.core.journal.OrderRow("o-qr", 2000, "CNY",
                        Optional.empty(), dev.posterm.core.payment.OrderState.PAID, T, T.plusSeconds(900), T));
                dev.posterm.core.journal.PaymentTable.save(c, sale, "sale");
                dev.posterm.core.journal.PaymentTable.save(c, refund, "refund");
                dev.posterm.core.journal.QrReturnTable.insert(c, "pay-qrr", "T0000001Q1", Optional.of("T0000001R1"), T);
                dev.posterm.core.journal.QrReturnTable.done(c, "pay-qrr", Optional.empty(),
                        Optional.of("REFUND_AMOUNT_EXCEEDED"));
                return null;
            });

            List<SettlementRow> rows = BatchRows.rows(journal.read(c -> BatchTable.members(c,
                    dev.posterm.core.journal.Counters.batchNumber(c))));

            assertEquals(SettlementRow.Wallet.WECHAT, rows.get(0).wallet());
            assertEquals("T0000001Q1", rows.get(0).outTradeNo());
            assertEquals(SettlementRow.Wallet.WECHAT, rows.get(1).wallet(), "the refund's wallet is its sale's");
            assertEquals("REFUND_AMOUNT_EXCEEDED", rows.get(1).responseCode(), "errCode for QR");
            assertEquals("pay-qr", rows.get(1).originalPaymentId());
        }
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
