package dev.posterm.core.api;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.status.TerminalStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire shapes of the API, field by field (docs/api.md shows them with examples). Absent
 * values are left out, never written as {@code null}; times are ISO-8601 UTC to the millisecond
 * ({@code 2025-03-01T08:15:30.120Z}); amounts are integers of minor units beside their currency.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> order(Order order) {
        return new Fields()
                .put("orderId", order.orderId())
                .put("amount", order.amount().amount())
                .put("currency", order.amount().currency())
                .put("description", order.description())
                .put("state", order.state().name())
                .put("createdAt", time(order.createdAt()))
                .put("payBy", time(order.payBy()))
                .put("payments", order.payments().stream().map(Views::payment).toList())
                .map;
    }

    static Map<String, Object> payment(Payment p) {
        return new Fields()
                .put("paymentId", p.paymentId())
                .put("orderId", p.orderId())
                .put("method", p.method().name())
                .put("type", p.type().name())
                .put("originalPaymentId", p.originalPaymentId())
                .put("amount", p.amount().amount())
                .put("currency", p.amount().currency())
                .put("state", p.state().name())
                .put("responseCode", p.responseCode())
                .put("errorCode", p.errorCode().map(ErrorCode::name))
                .put("message", p.message().map(m -> message(m.english(), m.chinese())))
                .put("authCode", p.authCode())
                .put("rrn", p.rrn())
                .put("stan", p.stan())
                .put("maskedPan", p.maskedPan())
                .put("entryMode", p.entryMode())
                .put("tendered", p.tendered())
                .put("changeDue", p.changeDue())
                .put("createdAt", time(p.createdAt()))
                .put("updatedAt", time(p.updatedAt()))
                .put("completedAt", p.completedAt().map(Views::time))
                .put("wallet", p.wallet())
                .put("outTradeNo", p.outTradeNo())
                .map;
    }

    static Map<String, Object> message(ErrorCode code) {
        return message(code.english(), code.chinese());
    }

    /** The code's message, with the support contact if it says to call support. */
    static Map<String, Object> message(ErrorCode code, Optional<String> supportContact) {
        dev.posterm.core.errors.CashierMessage m = dev.posterm.core.errors.CashierMessage.of(code)
                .withSupport(supportContact);
        return message(m.english(), m.chinese());
    }

    static Map<String, Object> message(String english, String chinese) {
        return new Fields().put("en", english).put("zh-CN", chinese).map;
    }

    /** The event's SSE name (the {@code event:} line) and its data. */
    record EventView(String name, Map<String, Object> data) {
    }

    static EventView event(TerminalEvent event) {
        return switch (event) {
            case TerminalEvent.PaymentChanged e -> new EventView("payment", payment(e.payment()));
            case TerminalEvent.OrderChanged e -> new EventView("order", order(e.order()));
            case TerminalEvent.OrderReminder e -> new EventView("reminder", new Fields()
                    .put("orderId", e.order().orderId()).put("state", e.order().state().name())
                    .put("payBy", time(e.order().payBy())).put("secondsLeft", e.secondsLeft())
                    .put("message", message("Order " + e.order().orderId() + " must be paid within " + e.secondsLeft()
                            + " s or it expires.", "订单 " + e.order().orderId() + " 须在 " + e.secondsLeft()
                            + " 秒内完成支付，否则将过期。"))
                    .put("at", time(e.at())).map);
            case TerminalEvent.AlertRaised e -> new EventView("alert", new Fields()
                    .put("code", e.code()).put("state", "RAISED")
                    .put("message", message(e.english(), e.chinese())).put("at", time(e.at())).map);
            case TerminalEvent.AlertCleared e -> new EventView("alert", new Fields()
                    .put("code", e.code()).put("state", "CLEARED").put("at", time(e.at())).map);
            case TerminalEvent.LinkChanged e -> new EventView("link", new Fields()
                    .put("state", e.state()).put("reason", e.reason()).put("at", time(e.at())).map);
            case TerminalEvent.QueueChanged e -> new EventView("saf", new Fields()
                    .put("count", e.count()).put("amount", e.amount())
                    .put("oldest", e.oldest().map(Views::time))
                    .put("oldestExpiresAt", e.expiresAt().map(Views::time))
                    .put("secondsToExpiry", e.expiresAt()
                            .map(x -> Math.max(0, java.time.Duration.between(e.at(), x).toSeconds())))
                    .put("at", time(e.at())).map);
            case TerminalEvent.BatchChanged e -> new EventView("batch", new Fields()
                    .put("batchNumber", String.format("%06d", e.batch())).put("state", e.state())
                    .put("responseCode", e.responseCode()).put("detail", e.detail())
                    .put("at", time(e.at())).map);
            case TerminalEvent.ConfigChanged e -> new EventView("config", new Fields()
                    .put("version", e.version()).put("outcome", e.outcome()).put("errorCode", e.code())
                    .put("detail", e.detail()).put("at", time(e.at())).map);
        };
    }

    static Map<String, Object> safItem(dev.posterm.core.payment.SafItem i) {
        return new Fields()
                .put("paymentId", i.paymentId())
                .put("stan", i.stan())
                .put("amount", i.amount())
                .put("currency", i.currency())
                .put("maskedPan", i.maskedPan())
                .put("state", i.state())
                .put("soldAt", time(i.soldAt()))
                .put("expiresAt", i.expiresAt().map(Views::time))
                .put("attempts", i.attempts())
                .put("responseCode", i.responseCode())
                .put("setAsideReason", i.setAsideReason())
                .map;
    }

    /** {@code now}: the API clock's time, which {@code secondsToExpiry} counts from. */
    static Map<String, Object> status(TerminalStatus s, java.time.Instant now) {
        return new Fields()
                .put("terminalId", s.terminalId())
                .put("version", s.version())
                .put("startedAt", time(s.startedAt()))
                .put("link", s.link() == null ? null : link(s.link()))
                .put("devices", s.devices() == null ? null : devices(s.devices()))
                .put("storeAndForward", s.storeAndForward() == null ? null : new Fields()
                        .put("count", s.storeAndForward().count())
                        .put("amount", s.storeAndForward().amount())
                        .put("oldest", s.storeAndForward().oldest().map(Views::time))
                        .put("oldestExpiresAt", s.storeAndForward().expiresAt().map(Views::time))
                        .put("secondsToExpiry", s.storeAndForward().expiresAt()
                                .map(e -> Math.max(0, java.time.Duration.between(now, e).toSeconds())))
                        .map)
                .put("pendingReversals", s.pendingReversals())
                .put("reversals", s.reversals() == null ? null : new Fields()
                        .put("pending", s.reversals().pending())
                        .put("stuck", s.reversals().stuck())
                        .put("oldest", s.reversals().oldest().map(Views::time))
                        .map)
                .put("alerts", s.alerts() == null ? List.of() : s.alerts().stream().map(a -> new Fields()
                        .put("code", a.code()).put("message", message(a.english(), a.chinese()))
                        .put("detail", a.detail())
                        .put("since", time(a.since())).map).toList())
                .put("openBatch", s.openBatch() == null ? null : batch(s.openBatch()))
                .put("cash", s.cash() == null ? null : s.cash().map(c -> new Fields()
                        .put("saleCount", c.saleCount()).put("saleAmount", c.saleAmount())
                        .put("currency", c.currency()).map))
                .map;
    }

    private static Map<String, Object> link(TerminalStatus.Link link) {
        return new Fields()
                .put("state", link.state())
                .put("since", time(link.since()))
                .put("reason", link.reason())
                .put("cause", link.cause())
                .put("outageSince", link.outageSince().map(Views::time))
                .put("modem", link.modem().map(m -> new Fields()
                        .put("signalDbm", m.signalDbm()).put("registration", m.registration()).map))
                .map;
    }

    private static Map<String, Object> devices(TerminalStatus.Devices d) {
        return new Fields()
                .put("reader", d.reader() == null ? null : new Fields()
                        .put("state", d.reader().state()).put("detail", d.reader().detail()).map)
                .put("printer", d.printer() == null ? null : new Fields()
                        .put("state", d.printer().state()).put("detail", d.printer().detail()).map)
                .put("paper", d.paper())
                .put("wallet", d.wallet() == null ? null : new Fields()
                        .put("configured", d.wallet().configured())
                        .put("reachable", d.wallet().reachable())
                        .put("lastSeen", d.wallet().lastSeen().map(Views::time))
                        .put("problem", d.wallet().problem())
                        .put("reversesPending", d.wallet().reversesPending()).map)
                .put("scanner", d.scanner() == null ? null : new Fields()
                        .put("configured", d.scanner().configured())
                        .put("port", d.scanner().port())
                        .put("connected", d.scanner().connected()).map)
                .map;
    }

    private static Map<String, Object> batch(TerminalStatus.BatchTotals b) {
        return new Fields()
                .put("batchNumber", b.batchNumber())
                .put("saleCount", b.saleCount()).put("saleAmount", b.saleAmount())
                .put("refundCount", b.refundCount()).put("refundAmount", b.refundAmount())
                .put("currency", b.currency())
                .put("byMethod", b.byMethod().isEmpty() ? null : byMethod(b.byMethod()))
                .map;
    }

    private static Map<String, Object> byMethod(Map<String, long[]> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((method, t) -> out.put(method, Map.of("count", t[0], "amount", t[1])));
        return out;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** An ordered JSON object that leaves out absent values instead of writing null. */
    private static final class Fields {
        final Map<String, Object> map = new LinkedHashMap<>();

        Fields put(String name, Object value) {
            Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
            if (unwrapped != null) {
                map.put(name, unwrapped);
            }
            return this;
        }
    }
}
