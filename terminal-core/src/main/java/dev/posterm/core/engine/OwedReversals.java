package dev.posterm.core.engine;

/**
 * A port: the reversals the journal owes the host, as the card flow needs them. The host profile
 * wants every owed reversal delivered before a new 0200 on the connection. Implemented by
 * store-and-forward's reversal queue; the engine only journals reversals and asks for them to go.
 */
public interface OwedReversals {
    /**
     * Sends every owed reversal in order, stopping at the first that gets no final answer.
     *
     * @return true when none is left owed, so a new 0200 may leave
     */
    boolean deliverAll() throws InterruptedException;

    /** A reversal was just journaled: try it now rather than at the next round. */
    void nudge();
}
