package dev.posterm.core.wallet;

/** What came of one {@code refund} call. */
public sealed interface RefundOutcome {

    /** {@code SUCCESS}: the refund is accepted. */
    record Accepted(String refundId) implements RefundOutcome {
    }

    /** {@code FAIL}: REFUND_AMOUNT_EXCEEDED, TRADE_OVERDUE, ORDERNOTEXIST... */
    record Refused(String errCode, String errMsg) implements RefundOutcome {
    }

    /** A signed 401 {@code SIGN_ERROR}: the refund was refused unread; nothing was refunded. */
    record SignRefused() implements RefundOutcome {
    }

    /** {@code SYSTEMERROR} or no answer: call refund again with the same outRefundNo. */
    record Unknown(String reason) implements RefundOutcome {
    }
}
