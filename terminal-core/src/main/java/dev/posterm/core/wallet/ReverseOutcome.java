package dev.posterm.core.wallet;

/** What came of one {@code reverse} call. */
public sealed interface ReverseOutcome {

    /** {@code SUCCESS} without {@code recall}: the trade is closed; if it had been paid, the money is returned. */
    record Reversed() implements ReverseOutcome {
    }

    /** {@code recall: true}, {@code SYSTEMERROR}, no answer, a refused signature: call reverse again. */
    record CallAgain(String reason) implements ReverseOutcome {
    }

    /** {@code FAIL ORDERNOTEXIST}: the gateway never took the payment; nothing to undo. */
    record NothingToUndo() implements ReverseOutcome {
    }

    /** Any other {@code FAIL} (TRADE_OVERDUE, ORDERREVERSED...): see {@link QrPaymentFlow} for what each means. */
    record Refused(String errCode) implements ReverseOutcome {
    }
}
