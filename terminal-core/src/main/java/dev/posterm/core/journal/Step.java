package dev.posterm.core.journal;

/**
 * Where a card payment's flow stands, committed before each external action. Recovery after a
 * crash reads it to know what the outside world may have seen.
 */
public enum Step {
    /** Journaled, the reader not yet asked (or asked and no card yet). No money can have moved. */
    AWAITING_CARD,
    /** A card was read; the host not yet asked. No money can have moved. */
    CARD_READ,
    /** About to send (or sent) the 0200: the host may have approved. Unknown until answered. */
    ONLINE_SENT,
    /** The host approved; the card's final word not yet journaled. */
    HOST_APPROVED,
    /** The host declined. */
    HOST_DECLINED,
    /** The host did not answer; a reversal is queued. */
    HOST_NO_ANSWER,
    /**
     * The terminal approved offline and a tentative advice (sealed card data) is journaled; the
     * card's final answer is not. After a crash: not approved, the advice is discarded.
     */
    OFFLINE_DECIDED,
    /** The flow is over; {@code state} is the outcome. */
    DONE;

    /**
     * Whether, at this step, the 0200 may have left and the host not declined it: the host may
     * hold an approval, so ending the payment any way but APPROVED owes a reversal. The one rule
     * for the card flow's every ending and for recovery after a crash.
     */
    public boolean mayHoldHostApproval() {
        return this == ONLINE_SENT || this == HOST_APPROVED || this == HOST_NO_ANSWER;
    }
}
