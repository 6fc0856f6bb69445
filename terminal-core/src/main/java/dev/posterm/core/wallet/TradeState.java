package dev.posterm.core.wallet;

/** A trade's state as {@code query} reports it ({@code tradeState}). */
public enum TradeState {
    /** Paid. */
    SUCCESS,
    /** Waiting for the customer to confirm on the phone. */
    USERPAYING,
    /** The payment failed. */
    PAYERROR,
    /** Not paid. */
    NOTPAY,
    /** Closed unpaid. */
    CLOSED,
    /** Reversed. */
    REVOKED,
    /** Paid and (partly) refunded. */
    REFUND
}
