package dev.posterm.printer.escpos;

/**
 * The four real-time status requests, {@code DLE EOT n} (10 04 n). The printer answers each with one
 * status byte at once, even when offline, ahead of anything waiting in its receive buffer.
 */
public enum RealTimeStatus {
    /** n = 1: printer status (online/offline). */
    PRINTER(1),
    /** n = 2: offline cause (cover, feed button, paper end stop, error). */
    OFFLINE_CAUSE(2),
    /** n = 3: error cause (auto-cutter, unrecoverable, auto-recoverable). */
    ERROR_CAUSE(3),
    /** n = 4: continuous roll paper sensor (near end, end). */
    ROLL_PAPER_SENSOR(4);

    private final int n;

    RealTimeStatus(int n) {
        this.n = n;
    }

    public int n() {
        return n;
    }

    /** The three bytes of the request: DLE EOT n. */
    public byte[] request() {
        return new byte[] {EscPos.DLE, EscPos.EOT, (byte) n};
    }
}
