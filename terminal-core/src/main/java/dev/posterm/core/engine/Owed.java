package dev.posterm.core.engine;

/**
 * The work a committed payment leaves owed to the outside world, each done by its own part
 * outside the engine and nudged when there is more: reversals, slips, advices, and the cash
 * drawer to open after a cash sale.
 */
public record Owed(OwedReversals reversals, OwedSlips slips, OwedAdvices advices, CashDrawer drawer) {
    /** Without a cash drawer. */
    public Owed(OwedReversals reversals, OwedSlips slips, OwedAdvices advices) {
        this(reversals, slips, advices, CashDrawer.NONE);
    }
}
