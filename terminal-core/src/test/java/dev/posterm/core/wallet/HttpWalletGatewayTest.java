package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.ManualClock;
import dev.posterm.simulator.wallet.Behaviour;
import dev.posterm.simulator.wallet.Trade;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the simulated gateway over real HTTP; the books must agree with what it says. */
class HttpWalletGatewayTest {
    static final String KEY = "sim-key-0123456789abcdef";
    static final String MERCHANT = "1900000109";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T01:30:00Z"));
    private WalletGatewaySimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private WalletGateway gateway(String key, Duration timeout) throws Exception {
        if (sim == null) {
            sim = new WalletGatewaySimulator(0, MERCHANT, KEY, clock).start();
        }
        return HttpWalletGateway.connect(new GatewaySettings(URI.create(sim.url()), MERCHANT,
                key.getBytes(StandardCharsets.UTF_8), timeout), clock);
    }

    private WalletGateway gateway() throws Exception {
        return gateway(KEY, Duration.ofSeconds(5));
    }

    static GatewayCall.Pay pay(String code, long amount) {
        return new GatewayCall.Pay(new OutTradeNo("T0000001-" + SERIAL.incrementAndGet() + "-" + System.nanoTime()
                % 100000), amount, "CNY", AuthCodeTest.code(code), "Noodle Bar", "T0000001");
    }

    @Test
    void paidAtOnceIsPaidAndTheBooksHoldTheMoney() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("134567890123456780", 1250);

        PayOutcome.Paid paid = assertInstanceOf(PayOutcome.Paid.class, gateway.pay(call));

        assertEquals(Wallet.WECHAT, paid.trade().wallet().orElseThrow());
        assertEquals(1250, paid.trade().amount().orElseThrow());
        Trade trade = sim.trade(call.outTradeNo().value());
        assertEquals("SUCCESS", trade.state());
        assertEquals(1250, trade.held());
        assertEquals(paid.trade().tradeNo().orElseThrow(), trade.tradeNo());
    }

    @Test
    void userPayingThenPaidAfterTwoQueries() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("2812345678901291", 800);

        assertInstanceOf(PayOutcome.UserPaying.class, gateway.pay(call));
        GatewayCall.Query query = new GatewayCall.Query(call.outTradeNo());
        assertEquals(TradeState.USERPAYING, ((QueryOutcome.Found) gateway.query(query)).state());
        QueryOutcome.Found found = (QueryOutcome.Found) gateway.query(query);

        assertEquals(TradeState.SUCCESS, found.state());
        assertEquals(Wallet.ALIPAY, found.trade().wallet().orElseThrow());
        assertTrue(found.trade().paidAt().isPresent());
        assertEquals(800, sim.trade(call.outTradeNo().value()).held());
    }

    @Test
    void userPayingThenPaidAfterSomeSecondsOnTheGatewaysClock() throws Exception {
        WalletGateway gateway = gateway();
        sim.nextPay(Behaviour.userPayingThenPaidAfter(Duration.ofSeconds(20)));
        GatewayCall.Pay call = pay("134567890123456780", 500);
        gateway.pay(call);
        GatewayCall.Query query = new GatewayCall.Query(call.outTradeNo());

        clock.advance(Duration.ofSeconds(19));
        assertEquals(TradeState.USERPAYING, ((QueryOutcome.Found) gateway.query(query)).state());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(TradeState.SUCCESS, ((QueryOutcome.Found) gateway.query(query)).state());
    }

    @Test
    void refusalsCarryTheirErrCodeAndTakeNothing() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay poor = pay("134567890123456794", 99_900);
        GatewayCall.Pay expired = pay("6212345678901234595", 100);

        assertEquals("NOTENOUGH", ((PayOutcome.Refused) gateway.pay(poor)).errCode());
        assertEquals("AUTHCODE_EXPIRED", ((PayOutcome.Refused) gateway.pay(expired)).errCode());
        assertEquals(0, sim.trade(poor.outTradeNo().value()).held());
        assertEquals(TradeState.PAYERROR, ((QueryOutcome.Found) gateway.query(
                new GatewayCall.Query(expired.outTradeNo()))).state());
    }

    @Test
    void systemErrorAnd5xxAreUnknownAndTheQueryTellsTheTruth() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("134567890123456793", 300);

        assertEquals(new PayOutcome.Unknown("SYSTEMERROR"), gateway.pay(call));
        sim.failNext(503);
        assertEquals(new QueryOutcome.Unknown("HTTP 503"), gateway.query(new GatewayCall.Query(call.outTradeNo())));
        assertEquals(TradeState.SUCCESS, ((QueryOutcome.Found) gateway.query(
                new GatewayCall.Query(call.outTradeNo()))).state());
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnknownThoughTheGatewayTookTheMoney() throws Exception {
        WalletGateway gateway = gateway(KEY, Duration.ofMillis(500));
        GatewayCall.Pay call = pay("134567890123456796", 4200);

        PayOutcome outcome = gateway.pay(call);

        assertEquals(new PayOutcome.Unknown("no answer within 500 ms"), outcome);
        assertEquals(4200, sim.trade(call.outTradeNo().value()).held());
        sim.releaseHeld();
    }

    @Test
    void aTamperedAnswerIsNoAnswer() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("134567890123456794", 100);
        sim.tamperNextAnswers(1);

        PayOutcome outcome = gateway.pay(call);

        assertEquals(new PayOutcome.Unknown("answer signature does not verify"), outcome);
        assertEquals("PAYERROR", sim.trade(call.outTradeNo().value()).state());
    }

    @Test
    void aWrongKeyIsRefusedAndTheUnverifiable401IsUnknown() throws Exception {
        WalletGateway gateway = gateway("wrong-key-0123456789abcd", Duration.ofSeconds(5));
        GatewayCall.Pay call = pay("134567890123456780", 100);

        assertEquals(new PayOutcome.Unknown("answer signature does not verify"), gateway.pay(call));
        assertEquals(1, sim.signRefusals());
        assertEquals(null, sim.trade(call.outTradeNo().value()));
    }

    @Test
    void aClockOffByMoreThan300SecondsGetsASigned401SignError() throws Exception {
        WalletGateway gateway = gateway();
        ManualClock ourClock = new ManualClock(Instant.parse("2026-01-01T01:40:00Z"));
        WalletGateway skewed = HttpWalletGateway.connect(new GatewaySettings(URI.create(sim.url()), MERCHANT,
                KEY.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)), ourClock);
        GatewayCall.Pay call = pay("134567890123456780", 100);

        // 600 s apart: the gateway refuses ours, and we refuse its answer's timestamp alike.
        assertInstanceOf(PayOutcome.Unknown.class, skewed.pay(call));
        assertEquals(1, sim.signRefusals());
        assertEquals(null, sim.trade(call.outTradeNo().value()));
        assertInstanceOf(PayOutcome.Paid.class, gateway.pay(call));
    }

    @Test
    void aSigned401SignErrorIsARefusalOfTheRequestItself() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("134567890123456780", 100);
        sim.failNext(401, 401);

        assertEquals(new PayOutcome.SignRefused(), gateway.pay(call));
        assertEquals(new ReverseOutcome.CallAgain("SIGN_ERROR"), gateway.reverse(new GatewayCall.Reverse(call.outTradeNo())));
        assertEquals(null, sim.trade(call.outTradeNo().value()));
    }

    @Test
    void everyRequestHasItsOwnNonceSoRepeatedCallsAreNeverTakenForReplays() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Query query = new GatewayCall.Query(new OutTradeNo("never-paid-1"));

        for (int i = 0; i < 20; i++) {
            assertEquals(new QueryOutcome.NotFound(), gateway.query(query));
        }
        assertEquals(0, sim.signRefusals());
    }

    @Test
    void reverseAnswersRecallTwiceThenReversesAndReturnsTheMoney() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("134567890123456797", 2000);
        gateway.pay(call);
        GatewayCall.Reverse reverse = new GatewayCall.Reverse(call.outTradeNo());

        assertEquals(new ReverseOutcome.CallAgain("recall"), gateway.reverse(reverse));
        assertEquals(new ReverseOutcome.CallAgain("recall"), gateway.reverse(reverse));
        assertEquals(new ReverseOutcome.Reversed(), gateway.reverse(reverse));

        Trade trade = sim.trade(call.outTradeNo().value());
        assertEquals("REVOKED", trade.state());
        assertEquals(2000, trade.returned());
        assertEquals(3, trade.reverses().size());
        assertEquals(new ReverseOutcome.NothingToUndo(),
                gateway.reverse(new GatewayCall.Reverse(new OutTradeNo("never-paid-2"))));
    }

    @Test
    void refundsNeverExceedTheAmountPaid() throws Exception {
        WalletGateway gateway = gateway();
        GatewayCall.Pay call = pay("134567890123456780", 1000);
        gateway.pay(call);

        RefundOutcome first = gateway.refund(new GatewayCall.Refund(call.outTradeNo(), new OutRefundNo("refund-1"), 600));
        RefundOutcome again = gateway.refund(new GatewayCall.Refund(call.outTradeNo(), new OutRefundNo("refund-1"), 600));
        RefundOutcome tooMuch = gateway.refund(new GatewayCall.Refund(call.outTradeNo(), new OutRefundNo("refund-2"), 401));

        assertInstanceOf(RefundOutcome.Accepted.class, first);
        assertEquals(first, again);
        assertEquals("REFUND_AMOUNT_EXCEEDED", ((RefundOutcome.Refused) tooMuch).errCode());
        Trade trade = sim.trade(call.outTradeNo().value());
        assertEquals(600, trade.refunded());
        assertEquals(400, trade.held());
    }

    @Test
    void plainHttpIsRefusedOffLoopbackAndAConnectionRefusedIsUnknown() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new GatewaySettings(URI.create("http://10.0.0.5:9300"),
                MERCHANT, KEY.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1)));
        WalletGateway gateway = gateway();
        int port = sim.port();
        sim.close();
        sim = null;
        WalletGateway nobody = HttpWalletGateway.connect(new GatewaySettings(URI.create("http://127.0.0.1:" + port),
                MERCHANT, KEY.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2)), clock);

        assertInstanceOf(PayOutcome.Unknown.class, nobody.pay(pay("134567890123456780", 100)));
        assertInstanceOf(WalletGateway.class, gateway);
    }
}
