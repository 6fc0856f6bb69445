package dev.posterm.core.alerts;

import java.util.Currency;

/**
 * "An order is paid at most once across all methods": when a second payment of an order succeeds
 * anyway (a QR trade the customer confirmed after the order was given to a card, an approval that
 * lost its order to another method), the engine undoes it and says so with SECOND_SUCCESS_UNDONE.
 * The detail names the order, the method, the payment and the amount: never card data. The alert
 * stays open (restated by each new case) for staff to tell the customer.
 */
public final class PaidTwice {
    private PaidTwice() {
    }

    /**
     * @param method CARD, QR or CASH
     * @param how    what was done about it, e.g. "reversed at the wallet gateway, the money returned"
     */
    public static void undone(Alerts alerts, String orderId, String paymentId, String method, long amount,
                              String currency, String how) {
        alerts.raiseOrRestate(Alerts.Kind.SECOND_SUCCESS_UNDONE, "order " + orderId + " paid another way: its "
                + method + " payment " + paymentId + " of " + decimal(amount, currency) + " " + currency
                + " succeeded too and was " + how);
    }

    private static String decimal(long amount, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return new dev.posterm.core.payment.Money(amount, currency).decimal(digits);
    }
}
