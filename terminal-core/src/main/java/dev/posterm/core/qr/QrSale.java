package dev.posterm.core.qr;

import dev.posterm.core.engine.OwedSlips;
import dev.posterm.core.engine.PaymentBook;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.QrDetails;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.wallet.GatewayCall;
import dev.posterm.core.wallet.OutTradeNo;
import dev.posterm.core.wallet.PayOutcome;
import dev.posterm.core.wallet.QrPaymentFlow;
import dev.posterm.core.wallet.QrPaymentFlow.Next;
import dev.posterm.core.wallet.QueryOutcome;
import dev.posterm.core.wallet.TradeDetails;
import dev.posterm.core.wallet.WalletGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * One QR payment driven by {@link QrPaymentFlow} on a worker of its own: each step is journaled
 * ({@code qr_details}) before the call it announces, so a restart finds where it stood.
 * <pre>
 *   journaled PAYING ─ pay ─▶ QUERYING (next_at) ─ query … ─▶ APPROVED (order PAID, if still PAYING)
 *                                │                          ─▶ DECLINED (order UNPAID)
 *                                ▼ give-up, cancel, expired
 *                     REVERSING (order UNPAID: nothing will be approved) ─ reverse … ─▶ CANCELLED
 * </pre>
 * While REVERSING the payment stays PENDING with {@link ErrorCode#QR_BEING_REVERSED}: the customer
 * may pay another way at once, the reverse goes on (with backoff, forever) until the gateway says so.
 */
final class QrSale {
    private final PaymentBook book;
    private final OwedSlips slips;
    private final WalletGateway gateway;
    private final Clock clock;
    private final FlowStart start;
    private QrPaymentFlow flow;
    private final Optional<GatewayCall.Pay> pay;   // empty when resumed after a restart: never paid again
    private final PaidTwice paidTwice;
    private boolean toldPaidTwice;   // worker only
    private final Object wake = new Object();
    private PaymentRow row;
    private boolean cancelAsked;     // guarded by wake
    private boolean cancelTaken;     // worker only

    /** Makes the flow: at once for a resumed payment, when pay has answered for a new one. */
    interface FlowStart {
        QrPaymentFlow flow();
    }

    /** Told when this payment succeeded at the gateway for an order paid another way (it is undone). */
    interface PaidTwice {
        PaidTwice NONE = (row, how) -> { };

        void undone(PaymentRow row, String how);
    }

    /**
     * @param pay   the pay to send first; empty for a payment resumed after a restart
     * @param start the payment's flow; for a new payment made when pay has answered (see {@link #paid})
     */
    QrSale(PaymentBook book, OwedSlips slips, WalletGateway gateway, Clock clock, FlowStart start, PaymentRow row,
           Optional<GatewayCall.Pay> pay) {
        this(book, slips, gateway, clock, start, row, pay, PaidTwice.NONE);
    }

    QrSale(PaymentBook book, OwedSlips slips, WalletGateway gateway, Clock clock, FlowStart start, PaymentRow row,
           Optional<GatewayCall.Pay> pay, PaidTwice paidTwice) {
        this.paidTwice = paidTwice;
        this.book = book;
        this.slips = slips;
        this.gateway = gateway;
        this.clock = clock;
        this.start = start;
        this.row = row;
        this.pay = pay;
    }

    String paymentId() {
        return row.paymentId();
    }

    /** Asks the worker to give up (reverse unless a SUCCESS comes first); false once the flow is reversing or over. */
    boolean cancel() {
        synchronized (wake) {
            if (cancelAsked) {
                return true;
            }
            cancelAsked = true;
            wake.notifyAll();
            return true;
        }
    }

    /** Runs to the end: an approval, a decline, or a finished reverse. Interrupted: stops, the journal says where. */
    void run(Runnable settled) {
        try {
            Next next;
            if (pay.isPresent()) {
                next = paid(pay.get());
            } else {
                flow = start.flow();
                next = flow.next();
            }
            boolean told = false;
            while (true) {
                next = cancelIfAsked(next);
                if (!told && (next instanceof QrPaymentFlow.Reverse || ends(next))) {
                    settled.run();    // a resumed payment no longer holds new QR payments back
                    told = true;
                }
                switch (next) {
                    case QrPaymentFlow.Query q -> next = query(q);
                    case QrPaymentFlow.Reverse r -> next = reverse(r);
                    case QrPaymentFlow.Approved a -> {
                        next = approve(a);
                        if (next == null) {
                            return;
                        }
                    }
                    case QrPaymentFlow.Declined d -> {
                        decline(d);
                        return;
                    }
                    case QrPaymentFlow.Cancelled c -> {
                        cancelled(c);
                        return;
                    }
                    case QrPaymentFlow.AwaitPay a -> throw new IllegalStateException("pay not sent for " + paymentId());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Logger.info("QR payment {} stopped at {}: resumed at the next start", paymentId(), phase());
        } catch (RuntimeException e) {
            // The journal failed (storage) or a bug: the payment stays as journaled; the next start resumes it.
            Logger.error(e, "QR payment {} stopped at {}: resumed at the next start", paymentId(), phase());
        } finally {
            settled.run();
        }
    }

    private static boolean ends(Next next) {
        return next instanceof QrPaymentFlow.Approved || next instanceof QrPaymentFlow.Declined
                || next instanceof QrPaymentFlow.Cancelled;
    }

    private Next paid(GatewayCall.Pay call) throws InterruptedException {
        PayOutcome outcome = gateway.pay(call);
        // The flow counts from the pay's answer, not from before it left: the gateway has surely
        // seen the pay by then, so a reverse "not sooner than 15 s after pay" holds at the gateway
        // whatever the pay's own delay (give-up is then counted from there too).
        flow = start.flow();
        Logger.info("QR payment {} pay {}: {}", paymentId(), call.outTradeNo(), outcome);
        if (outcome instanceof PayOutcome.Paid p) {
            remember(p.trade());
        }
        return flow.afterPay(outcome);
    }

    private Next query(QrPaymentFlow.Query q) throws InterruptedException {
        save(qr().step("QUERYING", Optional.of(q.at())), "query at " + q.at());
        if (!waitUntil(q.at())) {
            return flow.cancel();
        }
        QueryOutcome outcome = gateway.query(new GatewayCall.Query(outTradeNo()));
        if (outcome instanceof QueryOutcome.Found f) {
            remember(f.trade());
        }
        return flow.afterQuery(outcome);
    }

    private Next reverse(QrPaymentFlow.Reverse r) throws InterruptedException {
        boolean first = !"REVERSING".equals(qr().phase());
        QrDetails d = qr().reversing(r.why().name(), r.attempt() - 1, r.at(), r.lastRefusal());
        row = row.withQr(d, now());
        String detail = "reverse #" + r.attempt() + " at " + r.at() + " (" + r.why() + r.lastRefusal().map(x -> ", last " + x).orElse("") + ")";
        PaymentRow shown = new PaymentRow(row.paymentId(), row.orderId(), row.method(), row.type(), row.originalPaymentId(),
                row.amount(), row.state(), row.step(), row.idempotencyKey(), Optional.of(ErrorCode.QR_BEING_REVERSED.name()),
                row.card(), row.cash(), row.times(), row.qr());
        row = shown;
        // Once a reverse is decided nothing will be approved: the order is payable another way at once.
        book.save(row, detail, c -> {
            if (first) {
                OrderTable.transition(c, row.orderId(), OrderState.PAYING, OrderState.UNPAID, now());
            }
        });
        if (first) {
            Logger.warn("QR payment {} ({}) is being reversed: {}", paymentId(), outTradeNo(), r.why());
        }
        waitUntilDue(r.at());
        return flow.afterReverse(gateway.reverse(new GatewayCall.Reverse(outTradeNo())));
    }

    /** APPROVED with the order PAID, only if the order is still ours (PAYING); else reversed: paid another way. */
    private Next approve(QrPaymentFlow.Approved a) {
        PaymentRow done = row.finishQr(PaymentState.APPROVED, Optional.empty(), qr().ended(Optional.empty()), now());
        if (book.saveIf(c -> {
                    if (!OrderTable.transition(c, done.orderId(), OrderState.PAYING, OrderState.PAID, now())) {
                        return false;
                    }
                    ReceiptTable.queue(c, done.paymentId(), "MERCHANT", now());
                    ReceiptTable.queue(c, done.paymentId(), "CUSTOMER", now());
                    return true;
                }, done, "approved by the wallet gateway" + qr().tradeNo().map(t -> " (" + t + ")").orElse(""),
                Journal.Also.nothing())) {
            row = done;
            slips.nudge();
            Logger.info("QR payment {} approved", paymentId());
            return null;
        }
        Logger.warn("QR payment {} approved but its order {} is no longer being paid by it: reversing", paymentId(),
                row.orderId());
        if (orderState().filter(s -> s == OrderState.PAID).isPresent()) {
            tellPaidTwice("reversed at the wallet gateway: the money goes back to the customer");
        }
        return flow.paidElsewhere();
    }

    private void decline(QrPaymentFlow.Declined d) {
        PaymentRow done = row.finishQr(PaymentState.DECLINED, Optional.of(ErrorCode.QR_DECLINED.name()),
                qr().ended(Optional.of(d.errCode())), now());
        book.save(done, "declined by the wallet: " + d.errCode(), c -> {
            OrderTable.transition(c, done.orderId(), OrderState.PAYING, OrderState.UNPAID, now());
            ReceiptTable.queue(c, done.paymentId(), "DECLINE", now());
        });
        row = done;
        slips.nudge();
        Logger.info("QR payment {} declined: {}", paymentId(), d.errCode());
    }

    /**
     * The reverse ended. A payment that was being reversed gave its order back at the first reverse
     * ({@link #reverse}): the order is not its to release again (another method may be paying it
     * now). If another method has taken the order meanwhile and the gateway says this trade had been
     * paid before the reverse closed it (REVOKED, not CLOSED), the customer paid twice for a moment.
     */
    private void cancelled(QrPaymentFlow.Cancelled c) throws InterruptedException {
        boolean gaveBack = "REVERSING".equals(qr().phase());
        ErrorCode why = c.why() == QrPaymentFlow.Why.CANCELLED ? ErrorCode.CANCELLED : ErrorCode.QR_REVERSED;
        PaymentRow done = row.finishQr(PaymentState.CANCELLED, Optional.of(why.name()), qr().ended(Optional.empty()), now());
        book.save(done, "cancelled: " + c.why() + ", " + c.ending(), tx -> {
            if (!gaveBack) {
                OrderTable.transition(tx, done.orderId(), OrderState.PAYING, OrderState.UNPAID, now());
            }
        });
        row = done;
        Logger.info("QR payment {} cancelled ({}, {})", paymentId(), c.why(), c.ending());
        if (gaveBack && c.ending() == QrPaymentFlow.Ending.REVERSED
                && orderState().filter(s -> s == OrderState.PAYING || s == OrderState.PAID).isPresent()
                && gateway.query(new GatewayCall.Query(outTradeNo())) instanceof QueryOutcome.Found f
                && f.state() == dev.posterm.core.wallet.TradeState.REVOKED) {
            tellPaidTwice("reversed at the wallet gateway: the money went back to the customer");
        }
    }

    private Optional<OrderState> orderState() {
        return book.journal().read(c -> OrderTable.find(c, row.orderId())).map(o -> o.state());
    }

    private void tellPaidTwice(String how) {
        if (!toldPaidTwice) {
            toldPaidTwice = true;
            Logger.warn("QR payment {} of order {} succeeded while the order was paid another way: {}", paymentId(),
                    row.orderId(), how);
            paidTwice.undone(row, how);
        }
    }

    private Next cancelIfAsked(Next next) {
        boolean asked;
        synchronized (wake) {
            asked = cancelAsked;
        }
        if (asked && !cancelTaken && next instanceof QrPaymentFlow.Query) {
            cancelTaken = true;
            return flow.cancel();
        }
        return next;
    }

    /** Waits for {@code at}; false when a cancel came first (the flow decides anew). */
    private boolean waitUntil(Instant at) throws InterruptedException {
        synchronized (wake) {
            while (true) {
                if (cancelAsked && !cancelTaken) {
                    cancelTaken = true;
                    return false;
                }
                if (!clock.instant().isBefore(at)) {
                    return true;
                }
                wake.wait(millisUntil(at));
            }
        }
    }

    /** Waits for {@code at} whatever is asked: a reverse never leaves early. */
    private void waitUntilDue(Instant at) throws InterruptedException {
        synchronized (wake) {
            while (clock.instant().isBefore(at)) {
                wake.wait(millisUntil(at));
            }
        }
    }

    /** At least 1: a wait rounded down to 0 would wait forever, or leave early. */
    private long millisUntil(Instant at) {
        return Math.max(1, Duration.between(clock.instant(), at).plusNanos(999_999).toMillis());
    }

    private void remember(TradeDetails trade) {
        if (trade.tradeNo().isPresent() && !trade.tradeNo().equals(qr().tradeNo())) {
            save(qr().withTrade(trade.tradeNo()), "the gateway's trade " + trade.tradeNo().get());
        }
    }

    private void save(QrDetails d, String detail) {
        row = book.save(row.withQr(d, now()), detail);
    }

    private QrDetails qr() {
        return row.qr().orElseThrow();
    }

    private OutTradeNo outTradeNo() {
        return new OutTradeNo(qr().outTradeNo());
    }

    private String phase() {
        return row.qr().map(QrDetails::phase).orElse("?");
    }

    private Instant now() {
        return clock.instant();
    }
}
