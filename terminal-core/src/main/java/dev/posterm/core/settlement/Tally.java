package dev.posterm.core.settlement;

/** A count and an amount in minor units, as every total of the manifest is written. */
public record Tally(long count, long amount) {
    public static final Tally ZERO = new Tally(0, 0);

    Tally plus(long oneAmount) {
        return new Tally(count + 1, Math.addExact(amount, oneAmount));
    }

    @Override
    public String toString() {
        return count + " / " + amount;
    }
}
