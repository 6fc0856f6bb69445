package dev.posterm.drivers.reader.link;

/**
 * The CRL/1 longitudinal redundancy check: the XOR of every byte from LEN_HI to ETX inclusive.
 *
 * <pre>
 * STX | LEN_HI LEN_LO SEQ TYPE BODY... ETX | LRC
 *       \______________ XORed _________/
 * </pre>
 */
public final class Lrc {
    private Lrc() {
    }

    /** XOR of {@code bytes[from, to)}. */
    public static int of(byte[] bytes, int from, int to) {
        int lrc = 0;
        for (int i = from; i < to; i++) {
            lrc ^= bytes[i];
        }
        return lrc & 0xFF;
    }
}
