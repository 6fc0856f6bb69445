package dev.posterm.core.payment;


/** The states of the local API; {@code PENDING} until the payment has its outcome. */
public enum PaymentState {
    PENDING, APPROVED, APPROVED_OFFLINE, DECLINED, FAILED, CANCELLED, REVERSED, VOIDED, REFUNDED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
