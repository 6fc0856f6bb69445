package dev.posterm.drivers.reader;

/** EMV tag 9C transaction type, as sent in the {@code S} frame. */
public enum TransactionType {
    PURCHASE(0x00),
    REFUND(0x20);

    private final int code;

    TransactionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
