package dev.posterm.core.wallet;

/** What came of one {@code pay} call. */
public sealed interface PayOutcome {

    /** {@code SUCCESS}: the money is taken. */
    record Paid(TradeDetails trade) implements PayOutcome {
    }

    /** {@code USERPAYING}: the customer must confirm on the phone; query until final. */
    record UserPaying() implements PayOutcome {
    }

    /** {@code FAIL}: a final refusal; {@code errCode} says why (NOTENOUGH, AUTHCODE_EXPIRED...). */
    record Refused(String errCode, String errMsg) implements PayOutcome {
    }

    /**
     * The gateway signed a 401 {@code SIGN_ERROR}: it refused the request itself (our clock more than
     * 300 s off, a key it does not accept), so nothing was taken.
     */
    record SignRefused() implements PayOutcome {
    }

    /**
     * Nobody can say: {@code SYSTEMERROR}, HTTP 5xx, no connection, no answer in time, an answer
     * whose signature does not verify. The money may or may not be taken: query.
     */
    record Unknown(String reason) implements PayOutcome {
    }
}
