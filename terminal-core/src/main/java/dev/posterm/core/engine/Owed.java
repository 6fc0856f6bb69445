package dev.posterm.core.engine;

/**
 * The work a committed payment leaves owed to the outside world, each done by its own part
 * outside the engine and nudged when there is more: reversals, slips, advices.
 */
public record Owed(OwedReversals reversals, OwedSlips slips, OwedAdvices advices) {
}
