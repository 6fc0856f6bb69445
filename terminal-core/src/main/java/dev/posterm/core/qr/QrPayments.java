package dev.posterm.core.qr;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.alerts.PaidTwice;
import dev.posterm.core.engine.LinkView;
import dev.posterm.core.engine.OwedSlips;
import dev.posterm.core.engine.PaymentBook;
import dev.posterm.core.engine.QrRail;
import dev.posterm.core.engine.QrReturns;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.OrderRow;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.QrDetails;
import dev.posterm.core.journal.QrDetailsTable;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.wallet.AuthCode;
import dev.posterm.core.wallet.FlowTiming;
import dev.posterm.core.wallet.GatewayCall;
import dev.posterm.core.wallet.OutTradeNo;
import dev.posterm.core.wallet.OutTradeNoMaker;
import dev.posterm.core.wallet.QrPaymentFlow;
import dev.posterm.core.wallet.WalletGateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * The QR rail: starts QR payments for the engine ({@link QrRail}) and runs each on a worker of its
 * own ({@link QrSale}), apart from the card lane. Refuses before anything is journaled or sent when
 * the link is OFFLINE, when no code comes, or when the code is not a payment code. At start,
 * {@link #resume} takes up every QR payment a restart interrupted; new QR payments wait
 * ({@link ErrorCode#QR_RESUMING}) until each of those is queried and finished or being reversed.
 */
public final class QrPayments implements QrRail, QrReturns, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PaymentBook book;
    private final OwedSlips slips;
    private final Clock clock;
    private final LinkView link;
    private final CodeSource codes;
    private final Wallet wallet;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("qr-", 1).daemon(false).factory());
    private final Map<String, QrSale> running = new ConcurrentHashMap<>();
    private final AtomicInteger resuming = new AtomicInteger();
    private final QrReturnDesk returns;
    private final QrSale.PaidTwice paidTwice;
    private final GatewaySeen gateway;

    /**
     * The wallet side.
     *
     * @param terminalId the terminal id the gateway is told (and outTradeNo starts with)
     * @param subject    the goods' name on the customer's wallet statement when the order has no description
     */
    public record Wallet(WalletGateway gateway, FlowTiming timing, OutTradeNoMaker numbers, String terminalId,
                         String subject) {
    }

    /** @param slips where the slips of an approved or declined QR payment are announced (journaled with the outcome) */
    public QrPayments(PaymentBook book, OwedSlips slips, Clock clock, LinkView link, CodeSource codes, Wallet wallet) {
        this(book, slips, clock, link, codes, wallet, Optional.empty());
    }

    /** @param alerts where a QR success undone for an order paid another way is told (SECOND_SUCCESS_UNDONE) */
    public QrPayments(PaymentBook book, OwedSlips slips, Clock clock, LinkView link, CodeSource codes, Wallet wallet,
                      Optional<Alerts> alerts) {
        this.paidTwice = alerts.<QrSale.PaidTwice>map(a -> (row, how) -> PaidTwice.undone(a, row.orderId(),
                row.paymentId(), "QR", row.amount().amount(), row.amount().currency(), how)).orElse(QrSale.PaidTwice.NONE);
        this.gateway = new GatewaySeen(wallet.gateway(), clock);
        this.book = book;
        this.slips = slips;
        this.clock = clock;
        this.link = link;
        this.codes = codes;
        this.wallet = wallet;
        this.returns = new QrReturnDesk(book, slips, clock, link, wallet.gateway(), wallet.numbers());
    }

    @Override
    public Payment voidSale(PaymentRow sale, String voidId) throws Refused {
        return returns.voidSale(sale, voidId);
    }

    @Override
    public Payment refund(PaymentRow sale, String refundId, long amount, Optional<String> key, String fingerprint)
            throws Refused {
        return returns.refund(sale, refundId, amount, key, fingerprint);
    }

    @Override
    public Payment start(OrderRow order, Optional<String> qrCode, Optional<String> idempotencyKey, String fingerprint)
            throws Refused {
        if (link.knownDown()) {
            throw new Refused(ErrorCode.QR_OFFLINE, "the link is OFFLINE: the wallet gateway cannot be reached");
        }
        if (resuming.get() > 0) {
            throw new Refused(ErrorCode.QR_RESUMING, resuming.get() + " QR payment(s) from before the restart are"
                    + " being resolved first");
        }
        AuthCode code = switch (AuthCode.read(qrCode.isPresent() ? qrCode.get() : codes.next())) {
            case AuthCode.Valid v -> v.code();
            case AuthCode.NotAPaymentCode n -> throw new Refused(ErrorCode.QR_NOT_A_PAYMENT_CODE,
                    "not a wallet payment code: " + n.why());
        };
        OutTradeNo number = wallet.numbers().nextTrade();
        var now = clock.instant();
        QrDetails details = new QrDetails(number.value(), code.wallet().name(), code.toString(), Optional.empty(), now,
                order.payBy(), "PAYING", Optional.empty(), 0, Optional.empty(), Optional.empty());
        PaymentRow row = PaymentRow.sale("pay-" + randomHex(10), order.orderId(), PaymentMethod.QR,
                new Money(order.amount(), order.currency()), idempotencyKey, now).withQr(details, now);
        // The payment with its outTradeNo is committed before pay leaves: a restart queries it, never forgets it.
        if (!book.startIfUnpaid(row, "pay " + code.wallet() + " as " + number, OrderState.PAYING, fingerprint)) {
            throw new Refused(ErrorCode.ORDER_NOT_PAYABLE, "order " + order.orderId()
                    + " was taken by another request a moment ago (paid, being paid or cancelled)");
        }
        GatewayCall.Pay pay = new GatewayCall.Pay(number, order.amount(), order.currency(), code,
                order.description().orElse(wallet.subject()), wallet.terminalId());
        launch(new QrSale(book, slips, gateway, clock,
                () -> QrPaymentFlow.payLeaving(clock, wallet.timing(), order.amount(), order.payBy()), row,
                Optional.of(pay), paidTwice), () -> { });
        Logger.info("QR payment {} started for order {}: {} {}", row.paymentId(), order.orderId(), code, number);
        return book.view(row);
    }

    /**
     * Takes up every QR payment a restart interrupted: queried at once (or reversed again, if it was
     * being reversed), then finished or reversed. Call once at start, before the API opens.
     *
     * @return how many were taken up
     */
    public int resume() {
        returns.resume();   // QR voids and refunds without a final answer are called again
        List<String> ids = book.journal().read(QrDetailsTable::unfinished);
        for (String id : ids) {
            PaymentRow row = book.find(id).orElseThrow();
            QrDetails d = row.qr().orElseThrow();
            Optional<QrPaymentFlow.Why> reversing = "REVERSING".equals(d.phase())
                    ? d.reverseWhy().map(QrPaymentFlow.Why::valueOf) : Optional.empty();
            // pay_sent_at is journaled just before pay leaves; a second more keeps "15 s after pay" true.
            QrPaymentFlow flow = QrPaymentFlow.afterRestart(clock, wallet.timing(), row.amount().amount(), d.payBy(),
                    d.paySentAt().plusSeconds(1), reversing, d.reverseAttempts());
            resuming.incrementAndGet();
            AtomicBoolean once = new AtomicBoolean();
            launch(new QrSale(book, slips, gateway, clock, () -> flow, row, Optional.empty(), paidTwice), () -> {
                if (once.compareAndSet(false, true)) {
                    resuming.decrementAndGet();
                }
            });
            Logger.warn("QR payment {} ({}) was interrupted at {}: taken up again", id, d.outTradeNo(), d.phase());
        }
        return ids.size();
    }

    private void launch(QrSale sale, Runnable settled) {
        running.put(sale.paymentId(), sale);
        workers.execute(() -> {
            try {
                sale.run(settled);
            } finally {
                running.remove(sale.paymentId(), sale);
            }
        });
    }

    /** Reverse calls without a final answer after which a QR reverse is stuck (QR_REVERSE_STUCK): about 30 s of repeats. */
    public static final int REVERSE_STUCK_AFTER = 5;

    /**
     * A QR payment being reversed, from the journal.
     *
     * @param attempts    reverse calls sent so far without a final answer
     * @param lastRefusal the gateway's errCode of the last refusal, if any
     */
    public record Reversing(String paymentId, String orderId, String outTradeNo, int attempts,
                            Optional<String> lastRefusal) {
        public boolean stuck() {
            return attempts >= REVERSE_STUCK_AFTER;
        }
    }

    /** The QR payments being reversed now, oldest first (status and the QR_REVERSE_STUCK alert). */
    public List<Reversing> reversing() {
        return book.journal().read(c -> {
            List<Reversing> out = new java.util.ArrayList<>();
            for (String id : QrDetailsTable.unfinished(c)) {
                dev.posterm.core.journal.PaymentTable.find(c, id).ifPresent(p -> p.qr()
                        .filter(d -> "REVERSING".equals(d.phase()))
                        .ifPresent(d -> out.add(new Reversing(id, p.orderId(), d.outTradeNo(), d.reverseAttempts(),
                                d.errCode()))));
            }
            return out;
        });
    }

    /** The wallet gateway as last seen, for status (no call of its own). */
    public GatewaySeen.View gatewaySeen() {
        return gateway.view();
    }

    /** Whether the counter's scanner is connected now; empty when none is configured. */
    public Optional<Boolean> scannerConnected() {
        return codes.connected();
    }

    @Override
    public boolean cancel(String paymentId) {
        QrSale sale = running.get(paymentId);
        return sale != null && sale.cancel();
    }

    /** Stops the workers; each payment stays as journaled and is taken up again at the next start. */
    @Override
    public void close() {
        returns.close();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                Logger.warn("QR workers did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
