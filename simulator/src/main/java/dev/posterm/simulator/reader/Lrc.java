package dev.posterm.simulator.reader;

/** CRL/1 check byte: XOR of every byte from LEN_HI to ETX inclusive. */
final class Lrc {
    private Lrc() {
    }

    static byte of(byte[] bytes, int from, int toExclusive) {
        byte lrc = 0;
        for (int i = from; i < toExclusive; i++) {
            lrc ^= bytes[i];
        }
        return lrc;
    }
}
