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
        // A QR row names its wallet and outTradeNo (settlement-file.md); without them the row is refused,
        // and with it the open batch's totals in GET /status.
        p.qr().ifPresent(q -> b.wallet(SettlementRow.Wallet.valueOf(q.wallet())).outTradeNo(q.outTradeNo()));
        return b.build();
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
                .entryMode(entryMode(d.entryMode().orElse("")))
                .cardLast4(last4(d.maskedPan().orElse("")));
    }

    private static HostStatus hostStatus(PaymentRow p, BatchTable.Member m) {
        if (m.adviceState().isPresent() && p.state() == dev.posterm.core.payment.PaymentState.APPROVED_OFFLINE) {
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
