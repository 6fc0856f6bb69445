package dev.posterm.core.engine;

import dev.posterm.core.wallet.GatewayCall;
import dev.posterm.core.wallet.PayOutcome;
import dev.posterm.core.wallet.QueryOutcome;
import dev.posterm.core.wallet.RefundOutcome;
import dev.posterm.core.wallet.ReverseOutcome;
import dev.posterm.core.wallet.TradeDetails;
import dev.posterm.core.wallet.TradeState;
import dev.posterm.core.wallet.Wallet;
import dev.posterm.core.wallet.WalletGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * A scriptable wallet gateway: answers queued per call (the last one repeats), every call logged
 * with its time as "pay OUTTRADENO" etc. {@code holdPay} keeps pay from answering until interrupted.
 */
final class FakeWalletGateway implements WalletGateway {
    record Call(String name, String outTradeNo, Instant at, String authCode) {
    }

    private final Clock clock;
    private final Deque<PayOutcome> pays = new ArrayDeque<>();
    private final Deque<QueryOutcome> queries = new ArrayDeque<>();
    private final Deque<ReverseOutcome> reverses = new ArrayDeque<>();
    private final Deque<RefundOutcome> refunds = new ArrayDeque<>();
    /** The outRefundNo of every refund call, in order. */
    final List<String> outRefundNos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    volatile boolean holdPay;
    /** Holds query answers until {@link #releaseQueries} counts down. */
    volatile CountDownLatch queryGate = new CountDownLatch(0);
    final CountDownLatch paySeen = new CountDownLatch(1);

    FakeWalletGateway(Clock clock) {
        this.clock = clock;
    }

    static TradeDetails trade(long amount) {
        return new TradeDetails(Optional.of("4200000001"), Optional.of(Wallet.WECHAT), OptionalLong.of(amount),
                Optional.empty());
    }

    static QueryOutcome found(TradeState state, long amount) {
        return new QueryOutcome.Found(state, trade(amount));
    }

    synchronized FakeWalletGateway pay(PayOutcome... outcomes) {
        pays.addAll(List.of(outcomes));
        return this;
    }

    synchronized FakeWalletGateway query(QueryOutcome... outcomes) {
        queries.addAll(List.of(outcomes));
        return this;
    }

    synchronized FakeWalletGateway reverse(ReverseOutcome... outcomes) {
        reverses.addAll(List.of(outcomes));
        return this;
    }

    synchronized FakeWalletGateway refund(RefundOutcome... outcomes) {
        refunds.addAll(List.of(outcomes));
        return this;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).toList();
    }

    @Override
    public PayOutcome pay(GatewayCall.Pay call) throws InterruptedException {
        log(call, call.authCode().digits());
        paySeen.countDown();
        if (holdPay) {
            new CountDownLatch(1).await();   // until the worker is interrupted (the process "dies")
        }
        return next(pays);
    }

    @Override
    public QueryOutcome query(GatewayCall.Query call) throws InterruptedException {
        log(call, "");
        queryGate.await();
        return next(queries);
    }

    @Override
    public ReverseOutcome reverse(GatewayCall.Reverse call) {
        log(call, "");
        return next(reverses);
    }

    @Override
    public RefundOutcome refund(GatewayCall.Refund call) {
        log(call, "");
        outRefundNos.add(call.outRefundNo().value());
        return next(refunds);
    }

    private synchronized void log(GatewayCall call, String authCode) {
        calls.add(new Call(call.name(), call.outTradeNo().value(), clock.instant(), authCode));
    }

    private synchronized <T> T next(Deque<T> answers) {
        if (answers.isEmpty()) {
            throw new IllegalStateException("the test scripted no answer; calls so far: " + calls);
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }
}
