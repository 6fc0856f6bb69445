package dev.posterm.simulator.reader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receive side of a CRL/1 line: a pure state machine fed bytes with the time they arrived.
 *
 * <p>Outside a frame, ACK (0x06) and NAK (0x15) are link answers to our own frames; anything
 * else but STX is garbage, counted and discarded. A frame whose next byte comes more than
 * 100 ms after the previous one is discarded (counted) and the late byte is read afresh.
 * A LEN outside 2..4096 is answered at once ({@link Corrupt}): a receiver cannot wait for the
 * end of a frame whose length it does not believe, so it resynchronises on the next STX.
 */
final class CrlFramer {
    static final long INTER_BYTE_TIMEOUT_NANOS = 100_000_000L;

    /** What a run of bytes turned out to be. */
    sealed interface Received permits Good, Corrupt, Ack, Nak {
    }

    record Good(CrlFrame frame) implements Received {
    }

    /** A complete frame with a wrong LEN, ETX or LRC: the receiver answers NAK. */
    record Corrupt(String reason) implements Received {
    }

    record Ack() implements Received {
    }

    record Nak() implements Received {
    }

    private enum State { IDLE, LEN_HI, LEN_LO, CONTENT }

    private State state = State.IDLE;
    private int len;
    private byte[] frame;
    private int filled;
    private long lastByteNanos;
    private long garbageBytes;
    private long timedOutFrames;

    List<Received> accept(byte[] chunk, long nowNanos) {
        List<Received> out = new ArrayList<>();
        for (byte b : chunk) {
            if (state != State.IDLE && nowNanos - lastByteNanos > INTER_BYTE_TIMEOUT_NANOS) {
                timedOutFrames++;
                state = State.IDLE;
            }
            lastByteNanos = nowNanos;
            Received r = step(b & 0xFF);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** Forgets a partial frame (the line was reset). */
    void reset() {
        state = State.IDLE;
    }

    long garbageBytes() {
        return garbageBytes;
    }

    long timedOutFrames() {
        return timedOutFrames;
    }

    private Received step(int b) {
        switch (state) {
            case IDLE -> {
                return idle(b);
            }
            case LEN_HI -> {
                len = b << 8;
                state = State.LEN_LO;
            }
            case LEN_LO -> {
                len |= b;
                if (len < 2 || len > CrlFrame.MAX_LEN) {
                    state = State.IDLE;
                    return new Corrupt("LEN " + len + " outside 2..4096");
                }
                // content = LEN_HI LEN_LO SEQ TYPE BODY ETX LRC
                frame = new byte[len + 4];
                frame[0] = (byte) (len >> 8);
                frame[1] = (byte) len;
                filled = 2;
                state = State.CONTENT;
            }
            case CONTENT -> {
                frame[filled++] = (byte) b;
                if (filled == frame.length) {
                    state = State.IDLE;
                    return check();
                }
            }
        }
        return null;
    }

    private Received idle(int b) {
        switch (b) {
            case CrlFrame.STX -> state = State.LEN_HI;
            case CrlFrame.ACK -> {
                return new Ack();
            }
            case CrlFrame.NAK -> {
                return new Nak();
            }
            default -> garbageBytes++;
        }
        return null;
    }

    private Received check() {
        int etxAt = frame.length - 2;
        if ((frame[etxAt] & 0xFF) != CrlFrame.ETX) {
            return new Corrupt("no ETX where LEN puts it");
        }
        if (Lrc.of(frame, 0, etxAt + 1) != frame[etxAt + 1]) {
            return new Corrupt("LRC mismatch");
        }
        int seq = frame[2] & 0xFF;
        char type = (char) (frame[3] & 0xFF);
        return new Good(new CrlFrame(seq, type, Arrays.copyOfRange(frame, 4, etxAt)));
    }
}
