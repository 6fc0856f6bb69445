package dev.posterm.drivers.scanner;

import java.time.Instant;

/**
 * One code read by the counter's scanner, and when. The driver knows nothing of payments, but a scan
 * may be a customer's payment code (a bearer credential): {@link #toString()} shows its length, first
 * two and last four characters only.
 */
public record Scan(String text, Instant at) {

    @Override
    public String toString() {
        return "Scan[" + mask(text) + " at " + at + "]";
    }

    static String mask(String text) {
        if (text.length() < 10) {
            return "*".repeat(text.length());
        }
        return text.substring(0, 2) + "*".repeat(text.length() - 6) + text.substring(text.length() - 4);
    }
}
