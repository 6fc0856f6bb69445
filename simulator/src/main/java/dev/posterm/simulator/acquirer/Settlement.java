package dev.posterm.simulator.acquirer;

/** One 0500 the host acted on: what the terminal reported, what the host had, and the answer. */
public record Settlement(String terminalId, String batchNumber, Totals reported, Totals host, String responseCode) {
}
