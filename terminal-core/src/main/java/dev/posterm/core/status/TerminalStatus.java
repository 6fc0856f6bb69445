package dev.posterm.core.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /status}: what a person at the counter or in the back office needs to see. */
public record TerminalStatus(String terminalId, String version, Instant startedAt, Link link, Devices devices,
                             StoreAndForward storeAndForward, int pendingReversals, List<Alert> alerts,
                             BatchTotals openBatch) {

    /** state: ONLINE, OFFLINE or DEGRADED. */
    public record Link(String state, Instant since, String reason, Optional<Modem> modem) {
    }

    public record Modem(Optional<Integer> signalDbm, String registration) {
    }

    public record Devices(Device reader, Device printer, String paper) {
    }

    /** {@code state}: OK, UNAVAILABLE, ...; {@code detail} in English. */
    public record Device(String state, String detail) {
    }

    public record StoreAndForward(int count, long amount, Optional<Instant> oldest) {
    }

    public record Alert(String code, String english, String chinese, Instant since) {
    }

    public record BatchTotals(String batchNumber, int saleCount, long saleAmount, int refundCount, long refundAmount,
                              String currency) {
    }
}
