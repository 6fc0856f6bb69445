package dev.posterm.printer.status;

/**
 * The fixed bits every DLE EOT 1..4 answer carries (Epson command reference):
 *
 * <pre>
 *   bit  7   6   5   4   3   2   1   0
 *        0   .   .   1   .   .   1   0        mask 0x93, expected 0x12
 * </pre>
 *
 * A byte that does not match is not a status answer: a late byte of something else, an XOFF (0x13,
 * which has bit 0 set) or a byte of an Automatic Status Back message (bit 1 or bit 4 clear). The brief
 * names bits 1, 4 and 7; bit 0 is fixed to 0 too in Epson's tables and checking it is what rejects XOFF.
 */
public final class StatusByte {

    private static final int FIXED_MASK = 0x93;
    private static final int FIXED_VALUE = 0x12;

    private StatusByte() {
    }

    public static boolean isStatusAnswer(int b) {
        return (b & FIXED_MASK) == FIXED_VALUE;
    }

    static boolean bit(int b, int n) {
        return (b >> n & 1) == 1;
    }
}
