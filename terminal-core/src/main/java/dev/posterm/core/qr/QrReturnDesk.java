package dev.posterm.core.qr;

import dev.posterm.core.engine.LinkView;
import dev.posterm.core.engine.OwedSlips;
import dev.posterm.core.engine.PaymentBook;
import dev.posterm.core.engine.Refunded;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRequestTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.QrDetails;
import dev.posterm.core.journal.QrReturnTable;
import dev.posterm.core.journal.QrReturnTable.QrReturn;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import dev.posterm.core.wallet.GatewayCall;
import dev.posterm.core.wallet.OutRefundNo;
import dev.posterm.core.wallet.OutTradeNo;
import dev.posterm.core.wallet.OutTradeNoMaker;
import dev.posterm.core.wallet.RefundOutcome;
import dev.posterm.core.wallet.ReverseOutcome;
import dev.posterm.core.wallet.WalletGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * QR voids and refunds at the wallet gateway (wallet-gateway.md), each journaled with its claim on
 * the sale and its {@code qr_returns} row before the first call leaves:
 * <pre>
 *  void:   journal VOID + claim ─ reverse(outTradeNo) ─ SUCCESS / ORDERNOTEXIST / ORDERREVERSED ─▶ APPROVED, sale VOIDED, order CANCELLED
 *                                                     ─ other FAIL (TRADE_OVERDUE) ─▶ DECLINED, claim back
 *                                                     ─ recall / SYSTEMERROR / no answer ─▶ again with backoff
 *  refund: journal REFUND + claim + outRefundNo ─ refund ─ SUCCESS ─▶ APPROVED (sale, order REFUNDED when in full)
 *                                                        ─ FAIL (REFUND_AMOUNT_EXCEEDED...) ─▶ DECLINED, claim back
 *                                                        ─ SYSTEMERROR / no answer ─▶ again, same outRefundNo
 * </pre>
 * The first call is made on the register's request; the calls again are made by this desk's
 * worker with backoff (5 s doubling to 2 min), forever and across restarts ({@link #resume}): a
 * reverse or refund that may have reached the gateway is never forgotten. A refused signature
 * (401 SIGN_ERROR) means the gateway read nothing: a refund ends FAILED, a reverse is tried again.
 */
final class QrReturnDesk implements AutoCloseable {
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final PaymentBook book;
    private final OwedSlips slips;
    private final Clock clock;
    private final LinkView link;
    private final WalletGateway gateway;
    private final OutTradeNoMaker numbers;
    private final Semaphore wake = new Semaphore(0);
    private final Object calls = new Object();   // one call per return at a time: the register's and the worker's
    private volatile Thread worker;

    QrReturnDesk(PaymentBook book, OwedSlips slips, Clock clock, LinkView link, WalletGateway gateway,
                 OutTradeNoMaker numbers) {
        this.book = book;
        this.slips = slips;
        this.clock = clock;
        this.link = link;
        this.gateway = gateway;
        this.numbers = numbers;
    }

    Payment voidSale(PaymentRow sale, String voidId) throws Refused {
        requireGateway();
        QrDetails trade = sale.qr().orElseThrow();
        PaymentRow pending = PaymentRow.returnOf(sale, voidId, PaymentType.VOID, sale.amount().amount(),
                Optional.empty(), now());
        if (!book.saveIf(c -> ReturnTable.claimVoid(c, sale.paymentId()), pending, "void of " + sale.paymentId()
                + ": reverse " + trade.outTradeNo(), c -> QrReturnTable.insert(c, voidId, trade.outTradeNo(),
                Optional.empty(), now()))) {
            throw new Refused(ErrorCode.PAYMENT_NOT_VOIDABLE, "payment " + sale.paymentId()
                    + " is being voided or refunded, or was a moment ago");
        }
        PaymentRow ended = attempt(voidId);
        if (ended.state() == PaymentState.DECLINED) {
            throw new Refused(ErrorCode.VOID_DECLINED, "void " + voidId + " of QR payment " + sale.paymentId()
                    + " refused by the wallet gateway: " + ended.errorCode().orElse("?"));
        }
        return book.view(ended.state() == PaymentState.APPROVED ? book.find(sale.paymentId()).orElseThrow() : ended);
    }

    Payment refund(PaymentRow sale, String refundId, long amount, Optional<String> key, String fingerprint)
            throws Refused {
        requireGateway();
        QrDetails trade = sale.qr().orElseThrow();
        OutRefundNo number = numbers.nextRefund();
        PaymentRow pending = PaymentRow.returnOf(sale, refundId, PaymentType.REFUND, amount, key, now());
        if (!book.saveIf(c -> {
            if (key.isPresent() && PaymentTable.findByIdempotencyKey(c, sale.orderId(), key.get()).isPresent()) {
                return false;
            }
            return ReturnTable.claimRefund(c, sale.paymentId(), amount);
        }, pending, "refund of " + amount + " of " + sale.paymentId() + " as " + number, c -> {
            QrReturnTable.insert(c, refundId, trade.outTradeNo(), Optional.of(number.value()), now());
            PaymentRequestTable.insert(c, refundId, fingerprint);
        })) {
            long left = sale.amount().amount() - book.journal().read(c -> ReturnTable.claimed(c, sale.paymentId()));
            throw new Refused(ErrorCode.REFUND_EXCEEDS_PAID, "refund of " + amount + " asked; payment "
                    + sale.paymentId() + " has " + Math.max(0, left) + " left to refund");
        }
        return book.view(attempt(refundId));
    }

    private void requireGateway() throws Refused {
        if (link.knownDown()) {
            throw new Refused(ErrorCode.RETURN_NEEDS_HOST, "the link is OFFLINE: the wallet gateway cannot be reached");
        }
    }

    /** Makes the next call of a return still CALLING and journals what came of it; the return as it now is. */
    PaymentRow attempt(String paymentId) {
        synchronized (calls) {
            PaymentRow row = book.find(paymentId).orElseThrow();
            Optional<QrReturn> r = book.journal().read(c -> QrReturnTable.find(c, paymentId));
            if (r.isEmpty() || !r.get().phase().equals("CALLING")) {
                return row;
            }
            PaymentRow sale = book.find(row.originalPaymentId().orElseThrow()).orElseThrow();
            try {
                return row.type() == PaymentType.VOID ? reverse(row, sale, r.get()) : refund(row, sale, r.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return row;   // still CALLING: called again at the next start
            }
        }
    }

    private PaymentRow reverse(PaymentRow row, PaymentRow sale, QrReturn r) throws InterruptedException {
        ReverseOutcome outcome = gateway.reverse(new GatewayCall.Reverse(new OutTradeNo(r.outTradeNo())));
        Logger.info("QR void {} of {}: reverse {} #{}: {}", row.paymentId(), sale.paymentId(), r.outTradeNo(),
                r.attempts() + 1, outcome);
        return switch (outcome) {
            case ReverseOutcome.Reversed ok -> voided(row, sale, "reversed");
            case ReverseOutcome.NothingToUndo n -> voided(row, sale, "ORDERNOTEXIST: nothing to undo");
            case ReverseOutcome.Refused f when f.errCode().equals("ORDERREVERSED") ->
                    voided(row, sale, "ORDERREVERSED: reversed by an earlier call");
            case ReverseOutcome.Refused f -> refused(row, f.errCode(), PaymentState.DECLINED);
            case ReverseOutcome.CallAgain again -> callAgain(row, r, again.reason());
        };
    }

    private PaymentRow refund(PaymentRow row, PaymentRow sale, QrReturn r) throws InterruptedException {
        RefundOutcome outcome = gateway.refund(new GatewayCall.Refund(new OutTradeNo(r.outTradeNo()),
                new OutRefundNo(r.outRefundNo().orElseThrow()), row.amount().amount()));
        Logger.info("QR refund {} of {}: refund {} #{}: {}", row.paymentId(), sale.paymentId(), r.outRefundNo().get(),
                r.attempts() + 1, outcome);
        return switch (outcome) {
            case RefundOutcome.Accepted ok -> {
                PaymentRow approved = row.finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), now());
                new Refunded(book, slips, clock).commit(approved, sale, c -> true,
                        c -> QrReturnTable.done(c, row.paymentId(), Optional.of(ok.refundId()), Optional.empty()));
                yield approved;
            }
            case RefundOutcome.Refused f -> refused(row, f.errCode(), PaymentState.DECLINED);
            case RefundOutcome.SignRefused s -> refused(row, "SIGN_ERROR", PaymentState.FAILED);
            case RefundOutcome.Unknown u -> callAgain(row, r, u.reason());
        };
    }

    /** The sale VOIDED, the order CANCELLED, the void APPROVED with its slips: one commit. */
    private PaymentRow voided(PaymentRow row, PaymentRow sale, String detail) {
        Instant now = now();
        PaymentRow approved = row.finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), now);
        PaymentRow voidedSale = sale.returned(PaymentState.VOIDED, now);
        book.save(approved, "void approved: " + detail, c -> {
            QrReturnTable.done(c, row.paymentId(), Optional.empty(), Optional.empty());
            PaymentTable.save(c, voidedSale, "voided by " + row.paymentId());
            OrderTable.transition(c, sale.orderId(), OrderState.PAID, OrderState.CANCELLED, now);
            ReceiptTable.queue(c, row.paymentId(), "MERCHANT", now);
            ReceiptTable.queue(c, row.paymentId(), "CUSTOMER", now);
        });
        book.announce(voidedSale);
        slips.nudge();
        return approved;
    }

    /** A final refusal: the return ends without moving money and gives its claim back. */
    private PaymentRow refused(PaymentRow row, String errCode, PaymentState state) {
        ErrorCode why = switch (errCode) {
            case "REFUND_AMOUNT_EXCEEDED" -> ErrorCode.QR_REFUND_EXCEEDED;
            case "TRADE_OVERDUE" -> ErrorCode.QR_TRADE_OVERDUE;
            default -> ErrorCode.QR_DECLINED;
        };
        PaymentRow ended = row.finish(state, Optional.of(why.name()), Optional.empty(), now());
        book.save(ended, "refused by the wallet gateway: " + errCode, c -> {
            QrReturnTable.done(c, row.paymentId(), Optional.empty(), Optional.of(errCode));
            ReturnTable.release(c, row);
        });
        return ended;
    }

    private PaymentRow callAgain(PaymentRow row, QrReturn r, String reason) {
        Duration wait = backoff(r.attempts() + 1);
        Instant at = now().plus(wait);
        book.journal().inTransaction(c -> {
            QrReturnTable.again(c, row.paymentId(), at);
            return null;
        });
        Logger.warn("QR {} {}: no final answer ({}); called again at {}", row.type(), row.paymentId(), reason, at);
        wake.release();
        return row;
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** Starts the worker that calls again whatever is still CALLING (after a restart too). */
    void resume() {
        Thread t = Thread.ofPlatform().name("qr-returns").daemon(true).start(this::runForever);
        worker = t;
        int open = book.journal().read(QrReturnTable::calling).size();
        if (open > 0) {
            Logger.warn("{} QR void(s) or refund(s) without a final answer from before the restart: called again", open);
        }
    }

    private void runForever() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<QrReturn> open = book.journal().read(QrReturnTable::calling);
                Instant now = now();
                Duration sleep = MAX_BACKOFF;
                for (QrReturn r : open) {
                    if (!r.nextAt().isAfter(now)) {
                        attempt(r.paymentId());
                    } else {
                        Duration until = Duration.between(now, r.nextAt());
                        sleep = until.compareTo(sleep) < 0 ? until : sleep;
                    }
                }
                if (wake.tryAcquire(Math.max(1, sleep.toMillis()), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.error(e, "QR returns worker: the next round tries again");
                try {
                    Thread.sleep(FIRST_BACKOFF.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
