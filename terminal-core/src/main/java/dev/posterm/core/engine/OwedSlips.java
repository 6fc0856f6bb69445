package dev.posterm.core.engine;

/**
 * A port: the slips the journal owes the printer. The engine journals a slip with the payment's
 * outcome and nudges; the receipt spooler prints it (and again after a crash).
 */
public interface OwedSlips {
    /** A slip was just journaled: print it now. */
    void nudge();
}
