package dev.posterm.core.wallet;

/** The merchant's number of one refund ({@code outRefundNo}): the same form and rules as {@link OutTradeNo}. */
public record OutRefundNo(String value) {

    public OutRefundNo {
        if (value == null || !OutTradeNo.FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("outRefundNo must be 6..32 characters [A-Za-z0-9_-], was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
