package dev.posterm.core.batch;

import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.settlement.BatchTotals;
import dev.posterm.core.settlement.SettlementRow;
import dev.posterm.core.settlement.SettlementRow.HostStatus;
import java.util.List;

/**
 * A batch's journal rows as settlement rows, and their totals by type and method. One mapping for
 * the status page, the 0500's field 63 and the settlement file, so the three never disagree.
 * Counts come from the journal's {@code type} and {@code method} columns, so refunds, voids, cash
 * and QR fall into place as those rails write them (cash and QR are never in field 63).
 */
final class BatchRows {
    private BatchRows() {
    }

    static List<SettlementRow> rows(List<BatchTable.Member> members) {
        return members.stream().map(BatchRows::row).toList();
    }

    static BatchTotals totals(List<SettlementRow> rows) {
        BatchTotals.Counter counter = new BatchTotals.Counter();
        rows.forEach(r -> counter.add(r.type(), r.method(), r.state(), r.hostStatus(), r.amount()));
        return counter.totals();
    }

    /** The offline card sales the host has not accepted yet: they move to the next batch. */
    static boolean carriedOver(SettlementRow row) {
        return row.hostStatus() == HostStatus.CARRIED_OVER;
    }

    static SettlementRow row(BatchTable.Member m) {
        PaymentRow p = m.payment();
        SettlementRow.Builder b = SettlementRow.builder()
                .time(p.times().createdAt())
                .type(SettlementRow.Type.valueOf(p.type().name()))
                .method(SettlementRow.Method.valueOf(p.method().name()))
                .amount(p.amount().amount(), p.amount().currency())
                .state(SettlementRow.State.valueOf(p.state().name()))
                .orderId(p.orderId())
                .paymentId(p.paymentId())
                .originalPaymentId(p.originalPaymentId().orElse(""));
        if (p.method() == PaymentMethod.CARD) {
            card(b, p, m);
        }
        m.qr().ifPresent(qr -> qr(b, p, qr));
        return b.build();
    }

    /**
     * The wallet and the gateway's errCode (docs/settlement.md: empty on success); for a void or refund
     * its sale's wallet and outTradeNo. Never the customer's payment code.
     */
    private static void qr(SettlementRow.Builder b, PaymentRow p, BatchTable.Qr qr) {
        boolean done = p.state() == dev.posterm.core.payment.PaymentState.APPROVED
                || p.state() == dev.posterm.core.payment.PaymentState.REFUNDED;
        b.wallet(SettlementRow.Wallet.valueOf(qr.wallet()))
                .responseCode(done ? "" : qr.errCode().orElse(""))
                .outTradeNo(qr.outTradeNo());
    }

    private static void card(SettlementRow.Builder b, PaymentRow p, BatchTable.Member m) {
        CardDetails d = p.card().orElse(null);
        HostStatus host = hostStatus(p, m);
        b.hostStatus(host);
        if (d == null) {
            return;
        }
        String code = d.responseCode().orElse("");
        if (m.adviceState().isPresent()) {
            code = host == HostStatus.CARRIED_OVER ? "" : m.adviceResponse().orElse("");
        }
        b.responseCode(code)
                .authCode(d.authCode().orElse(""))
                .rrn(m.adviceState().isPresent() ? "" : d.rrn().orElse(""))
                .stan(d.stan().map(s -> String.format("%06d", s)).orElse(""))
                // A refund or void reads no card: its sale's entry mode is the sale's (docs/settlement.md).
                .entryMode(p.type() == dev.posterm.core.payment.PaymentType.SALE ? entryMode(d.entryMode().orElse(""))
                        : SettlementRow.EntryMode.NONE)
                .cardLast4(last4(d.maskedPan().orElse("")));
    }

    private static HostStatus hostStatus(PaymentRow p, BatchTable.Member m) {
        // An offline sale stays an offline one once refunded or voided: its advice says how the host holds it.
        if (m.adviceState().isPresent() && switch (p.state()) {
            case APPROVED_OFFLINE, REFUNDED, VOIDED -> true;
            default -> false;
        }) {
            return switch (m.adviceState().get()) {
                case "SETTLED" -> HostStatus.ADVISED;
                case "DECLINED" -> HostStatus.DECLINED_AFTER_FORWARDING;
                default -> HostStatus.CARRIED_OVER;
            };
        }
        return switch (p.state()) {
            case APPROVED, DECLINED, VOIDED, REFUNDED -> p.card().flatMap(CardDetails::rrn).isPresent()
                    || p.card().flatMap(CardDetails::responseCode).isPresent() ? HostStatus.ONLINE : HostStatus.NONE;
            default -> HostStatus.NONE;
        };
    }

    private static SettlementRow.EntryMode entryMode(String journal) {
        return switch (journal) {
            case "CHIP" -> SettlementRow.EntryMode.CHIP;
            case "CONTACTLESS" -> SettlementRow.EntryMode.CONTACTLESS;
            case "MAGSTRIPE" -> SettlementRow.EntryMode.MAGSTRIPE;
            case "FALLBACK_SWIPE" -> SettlementRow.EntryMode.FALLBACK;
            default -> SettlementRow.EntryMode.NONE;
        };
    }

    private static String last4(String masked) {
        return masked.length() >= 4 && masked.substring(masked.length() - 4).matches("\\d{4}")
                ? masked.substring(masked.length() - 4) : "";
    }
}
