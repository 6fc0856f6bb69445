package dev.posterm.drivers.reader;

import java.util.Objects;

/**
 * A primary account number, as read from tag 5A (padding F removed).
 *
 * <p>Card data is masked at the source: {@link #toString()} never shows more than the first six
 * and last four digits, so a PAN that slips into a log line or an exception message stays masked.
 * The clear digits are only reachable through {@link #unsafeDigits()}, whose name says what it is.
 */
public final class Pan {
    private final String digits;

    private Pan(String digits) {
        this.digits = digits;
    }

    /** @throws IllegalArgumentException if not 12..19 decimal digits (the message does not echo them) */
    public static Pan of(String digits) {
        Objects.requireNonNull(digits, "digits");
        if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("PAN must be 12 to 19 decimal digits (length " + digits.length() + ")");
        }
        return new Pan(digits);
    }

    /** The clear PAN, for the ISO 8583 message to the host and for encryption at rest only. */
    public String unsafeDigits() {
        return digits;
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /**
     * First six and last four, the most PCI DSS allows to display: {@code 476173******0119}; for a
     * PAN shorter than 16 digits the last four only ({@code *********4562}), since six and four of
     * twelve or thirteen digits would leave two or three hidden, nearly the whole number.
     */
    public String masked() {
        if (digits.length() < 16) {
            return maskedLast4();
        }
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + last4();
    }

    /** Last four only, as printed on receipts and shown to the cashier: {@code ************0119}. */
    public String maskedLast4() {
        return "*".repeat(digits.length() - 4) + last4();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pan other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
