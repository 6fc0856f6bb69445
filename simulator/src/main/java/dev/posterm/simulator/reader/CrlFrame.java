package dev.posterm.simulator.reader;

import java.io.ByteArrayOutputStream;

/**
 * One CRL/1 frame.
 * <pre>
 * STX | LEN_HI | LEN_LO | SEQ | TYPE | BODY ... | ETX | LRC
 * 0x02  LEN = 2 + body length, big-endian          0x03  XOR of LEN_HI..ETX
 * </pre>
 * The body is BER-TLV and may hold card data, so {@link #toString()} shows its size only.
 */
record CrlFrame(int seq, char type, byte[] body) {
    static final int STX = 0x02;
    static final int ETX = 0x03;
    static final int ACK = 0x06;
    static final int NAK = 0x15;
    static final int MAX_LEN = 4096;

    /** The frame on the wire; {@code breakLrc} flips the check byte (a fault for tests). */
    byte[] encode(boolean breakLrc) {
        int len = 2 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 5);
        out.write(STX);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(seq);
        out.write(type);
        out.writeBytes(body);
        out.write(ETX);
        byte[] bytes = out.toByteArray();
        byte lrc = Lrc.of(bytes, 1, bytes.length);
        out.write(breakLrc ? lrc ^ 0x5A : lrc);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return type + " seq=" + seq + " (" + body.length + " body bytes)";
    }
}
