package dev.posterm.core.qr;

import dev.posterm.core.wallet.GatewayCall;
import dev.posterm.core.wallet.PayOutcome;
import dev.posterm.core.wallet.QueryOutcome;
import dev.posterm.core.wallet.RefundOutcome;
import dev.posterm.core.wallet.ReverseOutcome;
import dev.posterm.core.wallet.WalletGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The wallet gateway as status sees it: whether its last call was answered (any signed answer,
 * SYSTEMERROR and a refusal of our signature included) or not (no answer in time, a connection
 * error, HTTP 5xx, an answer whose signature did not verify). No call of its own: "as last seen".
 */
public final class GatewaySeen implements WalletGateway {
    /** {@code state} REACHABLE, UNREACHABLE or UNKNOWN (no call yet); {@code problem} why not reachable. */
    public record View(String state, Optional<Instant> at, Optional<String> problem) {
    }

    private final WalletGateway gateway;
    private final Clock clock;
    private volatile View last = new View("UNKNOWN", Optional.empty(), Optional.empty());

    public GatewaySeen(WalletGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    public View view() {
        return last;
    }

    @Override
    public PayOutcome pay(GatewayCall.Pay call) throws InterruptedException {
        PayOutcome o = gateway.pay(call);
        seen(o instanceof PayOutcome.Unknown u ? Optional.of(u.reason()) : Optional.empty());
        return o;
    }

    @Override
    public QueryOutcome query(GatewayCall.Query call) throws InterruptedException {
        QueryOutcome o = gateway.query(call);
        seen(o instanceof QueryOutcome.Unknown u ? Optional.of(u.reason()) : Optional.empty());
        return o;
    }

    @Override
    public ReverseOutcome reverse(GatewayCall.Reverse call) throws InterruptedException {
        ReverseOutcome o = gateway.reverse(call);
        seen(o instanceof ReverseOutcome.CallAgain c ? Optional.of(c.reason()) : Optional.empty());
        return o;
    }

    @Override
    public RefundOutcome refund(GatewayCall.Refund call) throws InterruptedException {
        RefundOutcome o = gateway.refund(call);
        seen(o instanceof RefundOutcome.Unknown u ? Optional.of(u.reason()) : Optional.empty());
        return o;
    }

    /** {@code unsure}: the reason an outcome is unknown; the gateway's own words mean it answered. */
    private void seen(Optional<String> unsure) {
        boolean answered = unsure.map(r -> r.equals("SYSTEMERROR") || r.equals("recall") || r.equals("SIGN_ERROR")
                || r.startsWith("unexpected code")).orElse(true);
        last = new View(answered ? "REACHABLE" : "UNREACHABLE", Optional.of(clock.instant()),
                answered ? Optional.empty() : unsure);
    }
}
