package dev.posterm.drivers.reader.link;

import java.util.Arrays;

/**
 * One CRL/1 frame, as carried on the line:
 *
 * <pre>
 * STX | LEN_HI | LEN_LO | SEQ | TYPE | BODY ... | ETX | LRC
 * 0x02  LEN = 2 + body length (2..4096), BE         0x03  XOR of LEN_HI..ETX
 * </pre>
 *
 * <p>{@link #toString()} never shows the body: bodies carry card data.
 *
 * @param seq  0..255, one counter per direction
 * @param type one byte; the spec's types are ASCII letters ({@code S}, {@code C}, ...), the codec
 *             rejects others (the link still ACKs them: LEN, ETX and LRC were right)
 * @param body BER-TLV, possibly empty
 */
public record Frame(int seq, char type, byte[] body) {
    public static final int STX = 0x02;
    public static final int ETX = 0x03;
    public static final int ACK = 0x06;
    public static final int NAK = 0x15;
    /** LEN counts SEQ, TYPE and BODY. */
    public static final int MIN_LEN = 2;
    public static final int MAX_LEN = 4096;
    public static final int MAX_BODY = MAX_LEN - 2;

    public Frame {
        if (seq < 0 || seq > 255) {
            throw new IllegalArgumentException("SEQ must be 0..255, was " + seq);
        }
        if (type > 0xFF) {
            throw new IllegalArgumentException("TYPE must be one byte");
        }
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("body of " + body.length + " bytes exceeds " + MAX_BODY);
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The bytes to put on the line, STX to LRC. */
    public byte[] encode() {
        int len = 2 + body.length;
        byte[] out = new byte[len + 5];
        out[0] = STX;
        out[1] = (byte) (len >>> 8);
        out[2] = (byte) len;
        out[3] = (byte) seq;
        out[4] = (byte) type;
        System.arraycopy(body, 0, out, 5, body.length);
        out[out.length - 2] = ETX;
        out[out.length - 1] = (byte) Lrc.of(out, 1, out.length - 1);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.seq == seq && f.type == type && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return (seq * 31 + type) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame[" + type + " seq=" + seq + ", " + body.length + " body bytes]";
    }
}
