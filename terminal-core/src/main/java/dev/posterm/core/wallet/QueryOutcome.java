package dev.posterm.core.wallet;

/** What came of one {@code query} call. */
public sealed interface QueryOutcome {

    /** {@code SUCCESS} with a {@code tradeState}. */
    record Found(TradeState state, TradeDetails trade) implements QueryOutcome {
    }

    /** {@code FAIL ORDERNOTEXIST}: the gateway never saw this outTradeNo (yet). */
    record NotFound() implements QueryOutcome {
    }

    /** Any other {@code FAIL}. */
    record Refused(String errCode) implements QueryOutcome {
    }

    /** A signed 401 {@code SIGN_ERROR}: the query was refused unread. */
    record SignRefused() implements QueryOutcome {
    }

    /** {@code SYSTEMERROR}, no answer, an unverifiable or unreadable answer: ask again. */
    record Unknown(String reason) implements QueryOutcome {
    }
}
