package dev.posterm.core.hostlink;

/**
 * System trace audit number, field 11: one per transaction, 000001..999999 then wraps to 000001.
 * Every message about a transaction (its repeat, its reversal, its advice) keeps its STAN.
 */
public record Stan(int value) {
    public static final int MAX = 999_999;

    public Stan {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("STAN must be 1.." + MAX + ", was " + value);
        }
    }

    public static Stan parse(String sixDigits) {
        return new Stan(Integer.parseInt(sixDigits.trim()));
    }

    public Stan next() {
        return new Stan(value == MAX ? 1 : value + 1);
    }

    @Override
    public String toString() {
        return String.format("%06d", value);
    }
}
