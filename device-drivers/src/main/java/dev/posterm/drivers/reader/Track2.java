package dev.posterm.drivers.reader;

import java.util.Objects;

/**
 * Track 2 equivalent data (tag 57), as the characters ISO 8583 field 35 carries: digits with
 * {@code D} as the field separator (the nibble F padding removed).
 *
 * <p>{@link #toString()} never shows the data; {@link #unsafeText()} does, by name.
 */
public final class Track2 {
    private final String text;

    private Track2(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException if not 1..37 characters of 0-9 and D/= (not echoed) */
    public static Track2 of(String text) {
        Objects.requireNonNull(text, "text");
        String normalised = text.replace('=', 'D').toUpperCase(java.util.Locale.ROOT);
        if (normalised.isEmpty() || normalised.length() > 37
                || !normalised.chars().allMatch(c -> (c >= '0' && c <= '9') || c == 'D')) {
            throw new IllegalArgumentException("track 2 must be 1 to 37 characters of digits and D (length " + text.length() + ")");
        }
        return new Track2(normalised);
    }

    /** The clear track 2 equivalent, for field 35 and for encryption at rest only. */
    public String unsafeText() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Track2 other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "Track2[masked]";
    }
}
