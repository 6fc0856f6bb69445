package dev.posterm.drivers.reader;

import java.util.Objects;

/**
 * A card's expiry date from tag 5F24 (YYMMDD). Sensitive: {@link #toString()} masks it; ISO 8583
 * field 14 takes {@link #unsafeYymm()}.
 */
public final class Expiry {
    private final String yymmdd;

    private Expiry(String yymmdd) {
        this.yymmdd = yymmdd;
    }

    /** @throws IllegalArgumentException unless six digits with a month 01..12 (value not echoed) */
    public static Expiry ofYymmdd(String yymmdd) {
        Objects.requireNonNull(yymmdd, "yymmdd");
        if (yymmdd.length() != 6 || !yymmdd.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("expiry must be YYMMDD digits");
        }
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("expiry month out of range");
        }
        return new Expiry(yymmdd);
    }

    /** YYMM for ISO 8583 field 14. */
    public String unsafeYymm() {
        return yymmdd.substring(0, 4);
    }

    public String unsafeYymmdd() {
        return yymmdd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expiry other && other.yymmdd.equals(yymmdd);
    }

    @Override
    public int hashCode() {
        return yymmdd.hashCode();
    }

    @Override
    public String toString() {
        return "Expiry[masked]";
    }
}
