package dev.posterm.simulator.acquirer;

/**
 * One transaction as the host recorded it, keyed by (terminal id, STAN, field 7 of the message
 * that created it): an 0200 or an 0220, or a reversal of something the host never saw.
 *
 * @param mti the request that created it (0200, 0220)
 * @param processingCode field 3: 000000 purchase, 200000 refund, 020000 void
 * @param rrn field 37 the host gave (null for a reversal of an unknown original)
 * @param authCode field 38 (null unless approved)
 * @param settled included in a batch already closed with 0500
 */
public record LedgerEntry(String terminalId, String stan, String transmissionTime, String mti,
                          String processingCode, long amountMinor, String rrn, String authCode,
                          String responseCode, State state, boolean settled) {
    /** Where a transaction stands at the host. */
    public enum State {
        APPROVED, DECLINED, REVERSED, ADVISED, VOIDED
    }

    LedgerEntry withState(State newState) {
        return new LedgerEntry(terminalId, stan, transmissionTime, mti, processingCode, amountMinor, rrn,
                authCode, responseCode, newState, settled);
    }

    LedgerEntry settle() {
        return new LedgerEntry(terminalId, stan, transmissionTime, mti, processingCode, amountMinor, rrn,
                authCode, responseCode, state, true);
    }

    /** Counts in batch totals as a sale (approved online, or advised and accepted). */
    boolean isSale() {
        return processingCode.startsWith("00") && (state == State.APPROVED || state == State.ADVISED);
    }

    boolean isRefund() {
        return processingCode.startsWith("20") && (state == State.APPROVED || state == State.ADVISED);
    }
}
