package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.ManualClock;
import dev.posterm.simulator.wallet.Behaviour;
import dev.posterm.simulator.wallet.Trade;
import dev.posterm.simulator.wallet.WalletGatewaySimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision class driving the real client against the simulated gateway, one clock moved by hand
 * for both sides (so the 300 s window holds): what the engine will do, without the engine.
 */
class QrPaymentOverHttpTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T01:30:00Z"));
    private final List<String> calls = new ArrayList<>();
    private WalletGatewaySimulator sim;
    private WalletGateway gateway;

    @BeforeEach
    void start() throws Exception {
        sim = new WalletGatewaySimulator(0, HttpWalletGatewayTest.MERCHANT, HttpWalletGatewayTest.KEY, clock).start();
        gateway = HttpWalletGateway.connect(new GatewaySettings(URI.create(sim.url()), HttpWalletGatewayTest.MERCHANT,
                HttpWalletGatewayTest.KEY.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(700)), clock);
    }

    @AfterEach
    void stop() {
        sim.releaseHeld();
        sim.close();
    }

    /** Runs a payment to its end: waits (by moving the clock) until each step's time, then acts. */
    private QrPaymentFlow.Next run(GatewayCall.Pay pay) throws InterruptedException {
        QrPaymentFlow flow = QrPaymentFlow.payLeaving(clock, FlowTiming.of(Duration.ofSeconds(5),
                Duration.ofSeconds(45)), pay.amount(), clock.instant().plusSeconds(900));
        QrPaymentFlow.Next next = flow.afterPay(gateway.pay(pay));
        for (int step = 0; step < 100; step++) {
            switch (next) {
                case QrPaymentFlow.Query q -> {
                    waitUntil(q.at());
                    calls.add("query");
                    next = flow.afterQuery(gateway.query(new GatewayCall.Query(pay.outTradeNo())));
                }
                case QrPaymentFlow.Reverse r -> {
                    waitUntil(r.at());
                    calls.add("reverse");
                    next = flow.afterReverse(gateway.reverse(new GatewayCall.Reverse(pay.outTradeNo())));
                }
                default -> {
                    return next;
                }
            }
        }
        throw new AssertionError("no ending after 100 steps: " + calls);
    }

    private void waitUntil(Instant at) {
        if (at.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), at));
        }
    }

    @Test
    void aCustomerWhoConfirmsOnThePhoneIsApprovedAfterQueries() throws Exception {
        GatewayCall.Pay pay = HttpWalletGatewayTest.pay("134567890123456791", 1250);

        assertInstanceOf(QrPaymentFlow.Approved.class, run(pay));
        assertEquals(List.of("query", "query"), calls);
        assertEquals(1250, sim.trade(pay.outTradeNo().value()).held());
    }

    @Test
    void aCustomerWhoNeverConfirmsIsReversedAfter45SecondsThroughRecalls() throws Exception {
        sim.nextPay(Behaviour.of(Behaviour.Kind.USERPAYING_FOREVER).withRecalls(2));
        GatewayCall.Pay pay = HttpWalletGatewayTest.pay("134567890123456780", 1250);
        Instant payAt = clock.instant();

        assertEquals(new QrPaymentFlow.Cancelled(QrPaymentFlow.Why.TIMED_OUT, QrPaymentFlow.Ending.REVERSED), run(pay));

        Trade trade = sim.trade(pay.outTradeNo().value());
        assertEquals("CLOSED", trade.state());
        assertEquals(0, trade.held());
        assertEquals(3, trade.reverses().size());
        assertEquals(payAt.plusSeconds(45), trade.reverses().get(0));
        assertEquals(9, trade.queries());
    }

    @Test
    void aLostPayAnswerIsQueriedAndTheMoneyTakenIsApproved() throws Exception {
        GatewayCall.Pay pay = HttpWalletGatewayTest.pay("134567890123456796", 4200);

        QrPaymentFlow.Next end = run(pay);

        assertInstanceOf(QrPaymentFlow.Approved.class, end);
        assertEquals(List.of("query"), calls);
        assertEquals(4200, sim.trade(pay.outTradeNo().value()).held());
    }

    @Test
    void aSilentGatewayIsReversedOnceItAnswersAgainAndNoMoneyStaysTaken() throws Exception {
        GatewayCall.Pay pay = HttpWalletGatewayTest.pay("134567890123456780", 900);
        sim.holdEverything(true);
        QrPaymentFlow flow = QrPaymentFlow.payLeaving(clock, FlowTiming.of(Duration.ofSeconds(5),
                Duration.ofSeconds(45)), pay.amount(), clock.instant().plusSeconds(900));
        QrPaymentFlow.Next next = flow.afterPay(gateway.pay(pay));
        for (int i = 0; i < 9; i++) {
            waitUntil(((QrPaymentFlow.Query) next).at());
            next = flow.afterQuery(gateway.query(new GatewayCall.Query(pay.outTradeNo())));
        }
        QrPaymentFlow.Reverse reverse = assertInstanceOf(QrPaymentFlow.Reverse.class, next);
        waitUntil(reverse.at());
        next = flow.afterReverse(gateway.reverse(new GatewayCall.Reverse(pay.outTradeNo())));
        assertInstanceOf(QrPaymentFlow.Reverse.class, next);
        assertTrue(flow.reversing());

        sim.holdEverything(false);
        sim.releaseHeld();
        waitUntil(((QrPaymentFlow.Reverse) next).at());
        assertEquals(new QrPaymentFlow.Cancelled(QrPaymentFlow.Why.TIMED_OUT, QrPaymentFlow.Ending.REVERSED),
                flow.afterReverse(gateway.reverse(new GatewayCall.Reverse(pay.outTradeNo()))));
        Trade trade = sim.trade(pay.outTradeNo().value());
        assertEquals("REVOKED", trade.state());
        assertEquals(900, trade.returned());
        assertEquals(0, trade.held());
    }
}
