package dev.posterm.drivers.reader.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the bytes of a CRL/1 line into {@link LinkEvent}s: a pure state machine, fed chunks with
 * the time they arrived, that returns nothing until a frame (or an ACK/NAK byte) is complete.
 *
 * <pre>
 * HUNT --STX--> LEN_HI --> LEN_LO --(2..4096)--> CONTENT (LEN bytes) --> ETX --> LRC --> HUNT
 *   ^ 0x06 = ACK, 0x15 = NAK, anything else is garbage (counted)
 * </pre>
 *
 * <ul>
 *   <li>Inside a frame every byte is data, even 0x06 and 0x15; outside, they are ACK and NAK.</li>
 *   <li>LEN below 2 or above 4096, a missing ETX or a wrong LRC give {@link LinkEvent.FrameRejected}
 *       (the receiver NAKs it). After a bad LEN the two length bytes count as garbage; a byte found
 *       where ETX should be is looked at again as a possible STX, so one lost byte costs one frame.</li>
 *   <li>A frame whose next byte comes more than 100 ms after the previous one is dropped silently
 *       (counted): the sender gets no answer and sends it again.</li>
 * </ul>
 * Not thread-safe: one reader thread owns it.
 */
public final class Framer {
    private enum State { HUNT, LEN_HI, LEN_LO, CONTENT, ETX, LRC }

    private final long interByteTimeoutNanos;
    private final byte[] frame = new byte[Frame.MAX_LEN + 5];
    private State state = State.HUNT;
    private int expected;
    private int filled;
    private long lastByteNanos;
    private long garbageBytes;
    private long timedOutFrames;

    /** @param interByteTimeoutNanos 100 ms by the spec */
    public Framer(long interByteTimeoutNanos) {
        this.interByteTimeoutNanos = interByteTimeoutNanos;
    }

    /** A framer with the spec's 100 ms inter-byte timeout. */
    public static Framer standard() {
        return new Framer(100_000_000L);
    }

    /** Feeds {@code chunk[off, off+len)} that arrived at {@code nowNanos}; returns what completed. */
    public List<LinkEvent> accept(byte[] chunk, int off, int len, long nowNanos) {
        if (len <= 0) {
            return List.of();
        }
        if (state != State.HUNT && nowNanos - lastByteNanos > interByteTimeoutNanos) {
            timedOutFrames++;
            state = State.HUNT;
        }
        lastByteNanos = nowNanos;
        List<LinkEvent> events = new ArrayList<>(1);
        for (int i = off; i < off + len; i++) {
            step(chunk[i] & 0xFF, events);
        }
        return events;
    }

    /** Forgets a partial frame, e.g. after the port was reopened. Counters are kept. */
    public void reset() {
        state = State.HUNT;
    }

    public long garbageBytes() {
        return garbageBytes;
    }

    public long timedOutFrames() {
        return timedOutFrames;
    }

    private void step(int b, List<LinkEvent> events) {
        switch (state) {
            case HUNT -> hunt(b, events);
            case LEN_HI -> store(b, State.LEN_LO);
            case LEN_LO -> length(b, events);
            case CONTENT -> content(b);
            case ETX -> etx(b, events);
            case LRC -> lrc(b, events);
        }
    }

    private void hunt(int b, List<LinkEvent> events) {
        switch (b) {
            case Frame.STX -> {
                filled = 0;
                store(b, State.LEN_HI);
            }
            case Frame.ACK -> events.add(new LinkEvent.Ack());
            case Frame.NAK -> events.add(new LinkEvent.Nak());
            default -> garbageBytes++;
        }
    }

    private void store(int b, State next) {
        frame[filled++] = (byte) b;
        state = next;
    }

    private void length(int b, List<LinkEvent> events) {
        store(b, State.CONTENT);
        expected = ((frame[1] & 0xFF) << 8) | b;
        if (expected < Frame.MIN_LEN || expected > Frame.MAX_LEN) {
            garbageBytes += 2;
            state = State.HUNT;
            events.add(new LinkEvent.FrameRejected("LEN " + expected + " outside 2..4096"));
        }
    }

    private void content(int b) {
        store(b, filled == 3 + expected - 1 ? State.ETX : State.CONTENT);
    }

    private void etx(int b, List<LinkEvent> events) {
        if (b != Frame.ETX) {
            state = State.HUNT;
            events.add(new LinkEvent.FrameRejected("no ETX after " + expected + " bytes"));
            hunt(b, events);
            return;
        }
        store(b, State.LRC);
    }

    private void lrc(int b, List<LinkEvent> events) {
        state = State.HUNT;
        if (Lrc.of(frame, 1, filled) != b) {
            events.add(new LinkEvent.FrameRejected("bad LRC"));
            return;
        }
        byte[] body = Arrays.copyOfRange(frame, 5, 3 + expected);
        char type = (char) (frame[4] & 0xFF);
        events.add(new LinkEvent.FrameReceived(new Frame(frame[3] & 0xFF, type, body)));
    }
}
