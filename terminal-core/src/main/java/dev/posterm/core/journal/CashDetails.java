package dev.posterm.core.journal;

/**
 * What a cash payment adds to a payment ({@code cash_details}, one row per cash payment).
 *
 * @param tendered  the cash handed over, minor units, at least the amount
 * @param changeDue what the cashier hands back: {@code tendered} minus the amount
 */
public record CashDetails(long tendered, long changeDue) {
    public CashDetails {
        if (tendered <= 0 || changeDue < 0 || changeDue >= tendered) {
            throw new IllegalArgumentException("cash tendered " + tendered + " with change " + changeDue);
        }
    }
}
