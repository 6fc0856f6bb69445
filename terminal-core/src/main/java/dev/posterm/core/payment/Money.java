package dev.posterm.core.payment;

import java.util.Objects;

/** An amount in minor units with its ISO 4217 alphabetic currency. */
public record Money(long amount, String currency) {
    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** "12.50" for 1250 with two minor digits. */
    public String decimal(int minorDigits) {
        if (minorDigits == 0) {
            return Long.toString(amount);
        }
        long unit = (long) Math.pow(10, minorDigits);
        String sign = amount < 0 ? "-" : "";
        long abs = Math.abs(amount);
        return sign + (abs / unit) + "." + String.format("%0" + minorDigits + "d", abs % unit);
    }
}
