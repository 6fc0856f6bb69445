package dev.posterm.core.status;

import dev.posterm.core.alerts.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /status}: what a person at the counter or in the back office needs to see ({@link Alert}s included). */
public record TerminalStatus(String terminalId, String version, Instant startedAt, Link link, Devices devices,
                             StoreAndForward storeAndForward, int pendingReversals, List<Alert> alerts,
                             BatchTotals openBatch, Reversals reversals, Optional<CashTotals> cash) {

    /** Without cash totals. */
    public TerminalStatus(String terminalId, String version, Instant startedAt, Link link, Devices devices,
                          StoreAndForward storeAndForward, int pendingReversals, List<Alert> alerts,
                          BatchTotals openBatch, Reversals reversals) {
        this(terminalId, version, startedAt, link, devices, storeAndForward, pendingReversals, alerts, openBatch,
                reversals, Optional.empty());
    }

    /**
     * The cash the terminal took: its own totals, kept apart from {@code openBatch}, which is the
     * acquirer's (card only, as field 63 of the 0500).
     */
    public record CashTotals(int saleCount, long saleAmount, String currency) {
    }

    /** Without the reversal details: {@code pendingReversals} only. */
    public TerminalStatus(String terminalId, String version, Instant startedAt, Link link, Devices devices,
                          StoreAndForward storeAndForward, int pendingReversals, List<Alert> alerts,
                          BatchTotals openBatch) {
        this(terminalId, version, startedAt, link, devices, storeAndForward, pendingReversals, alerts, openBatch,
                new Reversals(pendingReversals, 0, Optional.empty()));
    }

    /**
     * Reversals owed to the host.
     *
     * @param stuck  how many have been sent 3 times or more without a final answer (alert REVERSAL_STUCK)
     * @param oldest when the oldest owed one was queued
     */
    public record Reversals(int pending, int stuck, Optional<Instant> oldest) {
    }

    /**
     * @param state       ONLINE, OFFLINE or DEGRADED
     * @param cause       NONE, NETWORK_DOWN (our network), HOST_DOWN (the acquirer), SLOW
     * @param outageSince when the link went OFFLINE, while it is
     */
    public record Link(String state, Instant since, String reason, Optional<Modem> modem, String cause,
                       Optional<Instant> outageSince) {
        public Link(String state, Instant since, String reason, Optional<Modem> modem) {
            this(state, since, reason, modem, "NONE", Optional.empty());
        }
    }

    public record Modem(Optional<Integer> signalDbm, String registration) {
    }

    /**
     * @param wallet  the QR wallet gateway
     * @param scanner the counter's barcode scanner
     */
    public record Devices(Device reader, Device printer, String paper, WalletGateway wallet, ScannerPort scanner) {
        /** Without QR: no gateway, no scanner configured. */
        public Devices(Device reader, Device printer, String paper) {
            this(reader, printer, paper, WalletGateway.NONE, ScannerPort.NONE);
        }
    }

    /**
     * The QR wallet gateway as last seen (no call of its own).
     *
     * @param reachable       REACHABLE (its last call was answered), UNREACHABLE, UNKNOWN (no call yet) or
     *                        NOT_CONFIGURED
     * @param lastSeen        when its last call ended
     * @param problem         why it was not reachable then
     * @param reversesPending QR payments being reversed now (repeated until the gateway confirms)
     */
    public record WalletGateway(boolean configured, String reachable, Optional<Instant> lastSeen,
                                Optional<String> problem, int reversesPending) {
        public static final WalletGateway NONE = new WalletGateway(false, "NOT_CONFIGURED", Optional.empty(),
                Optional.empty(), 0);
    }

    /** @param port the configured port ("tcp:HOST:PORT" or a device path); empty when none ("none") */
    public record ScannerPort(boolean configured, Optional<String> port, boolean connected) {
        public static final ScannerPort NONE = new ScannerPort(false, Optional.empty(), false);
    }

    /** {@code state}: OK, UNAVAILABLE, ...; {@code detail} in English. */
    public record Device(String state, String detail) {
    }

    /**
     * Offline sales not yet accepted by the host.
     *
     * @param expiresAt when the oldest reaches offline.max_age_hours
     */
    public record StoreAndForward(int count, long amount, Optional<Instant> oldest, Optional<Instant> expiresAt) {
        public StoreAndForward(int count, long amount, Optional<Instant> oldest) {
            this(count, amount, oldest, Optional.empty());
        }
    }

    /** @param byMethod sales by method (CARD, QR, CASH), each as count and amount */
    public record BatchTotals(String batchNumber, int saleCount, long saleAmount, int refundCount, long refundAmount,
                              String currency, java.util.Map<String, long[]> byMethod) {
        public BatchTotals(String batchNumber, int saleCount, long saleAmount, int refundCount, long refundAmount,
                           String currency) {
            this(batchNumber, saleCount, saleAmount, refundCount, refundAmount, currency, java.util.Map.of());
        }
    }
}
