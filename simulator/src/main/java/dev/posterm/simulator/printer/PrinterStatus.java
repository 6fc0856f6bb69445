package dev.posterm.simulator.printer;

/**
 * Real-time status bytes (DLE EOT n) in Epson's layout. Every answer has bit 1 and bit 4 set and
 * bit 7 clear (0x12 when all is well), so a host can tell a status byte from other traffic.
 * <pre>
 * n=1 printer:     bit3 offline (paper out or cover open)            ok 0x12, offline 0x1A
 * n=2 offline:     bit2 cover open, bit5 stopped by paper end        paper out 0x32, cover 0x16
 * n=3 error:       bit3 cutter, bit5 unrecoverable, bit6 auto-recov. always 0x12 here
 * n=4 roll paper:  bits2-3 near end, bits5-6 paper end              out 0x72, near end 0x1E
 * </pre>
 * The near-end sensor is separate ({@code paperNearEnd}): a paper end alone answers 0x72 to n=4.
 */
record PrinterStatus(boolean paperOut, boolean nearEnd, boolean coverOpen) {
    private static final int FIXED = 0x12;

    boolean offline() {
        return paperOut || coverOpen;
    }

    /** The answer to DLE EOT n; n outside 1..4 gets no answer (-1), as Epson printers do. */
    int answer(int n) {
        return switch (n) {
            case 1 -> FIXED | (offline() ? 0x08 : 0);
            case 2 -> FIXED | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
            case 3 -> FIXED;
            case 4 -> FIXED | (nearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0);
            default -> -1;
        };
    }
}
