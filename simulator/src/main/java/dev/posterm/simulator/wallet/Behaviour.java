package dev.posterm.simulator.wallet;

import java.time.Duration;

/**
 * What the simulated gateway does with one payment. Chosen per payment code
 * ({@link WalletGatewaySimulator#behaviourFor}), for the next pay ({@link WalletGatewaySimulator#nextPay},
 * control call {@code POST /sim/next}), or else by the code's last two digits:
 * <pre>
 *   ..91 user paying, paid after 2 queries     ..95 FAIL AUTHCODE_EXPIRED
 *   ..92 user paying forever                   ..96 paid, but the pay answer is held (no answer)
 *   ..93 SYSTEMERROR (the trade is paid)       ..97 paid; reverse answers recall=true twice first
 *   ..94 FAIL NOTENOUGH                        anything else: paid at once
 * </pre>
 *
 * @param paidAfterQueries for USERPAYING_THEN_PAID: paid on this query (0: no limit by queries)
 * @param paidAfter        for USERPAYING_THEN_PAID: paid once this long after pay (null: no limit by time)
 * @param recalls          reverse answers {@code recall: true} this many times before SUCCESS
 */
public record Behaviour(Kind kind, int paidAfterQueries, Duration paidAfter, int recalls) {

    public enum Kind { PAID, USERPAYING_THEN_PAID, USERPAYING_FOREVER, SYSTEMERROR, NOTENOUGH, AUTHCODE_EXPIRED,
        NO_ANSWER }

    public static Behaviour paid() {
        return new Behaviour(Kind.PAID, 0, null, 0);
    }

    public static Behaviour userPayingThenPaidAfterQueries(int queries) {
        return new Behaviour(Kind.USERPAYING_THEN_PAID, queries, null, 0);
    }

    public static Behaviour userPayingThenPaidAfter(Duration after) {
        return new Behaviour(Kind.USERPAYING_THEN_PAID, 0, after, 0);
    }

    public static Behaviour of(Kind kind) {
        return new Behaviour(kind, kind == Kind.USERPAYING_THEN_PAID ? 2 : 0, null, 0);
    }

    /** The same, with reverse answering recall=true {@code times} first. */
    public Behaviour withRecalls(int times) {
        return new Behaviour(kind, paidAfterQueries, paidAfter, times);
    }

    static Behaviour byLastDigits(String authCode) {
        String tail = authCode.length() >= 2 ? authCode.substring(authCode.length() - 2) : "";
        return switch (tail) {
            case "91" -> userPayingThenPaidAfterQueries(2);
            case "92" -> of(Kind.USERPAYING_FOREVER);
            case "93" -> of(Kind.SYSTEMERROR);
            case "94" -> of(Kind.NOTENOUGH);
            case "95" -> of(Kind.AUTHCODE_EXPIRED);
            case "96" -> of(Kind.NO_ANSWER);
            case "97" -> paid().withRecalls(2);
            default -> paid();
        };
    }
}
