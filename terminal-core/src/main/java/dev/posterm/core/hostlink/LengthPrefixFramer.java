package dev.posterm.core.hostlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the host byte stream into message bodies, and frames bodies for sending.
 *
 * <pre>
 *  +--------+--------+---------------------------+
 *  | len hi | len lo |  body: len bytes (ISO 8583) |   len: unsigned 16-bit big-endian,
 *  +--------+--------+---------------------------+   the body only, no TPDU, no header
 * </pre>
 *
 * A pure state machine: fed whatever the socket read gave ({@link #accept}), it returns the
 * events completed by those bytes, in order, and keeps a partial frame for the next call.
 * A declared length above {@link #maximum()} is a framing violation: with no start byte to
 * resynchronise on, the rest of the stream cannot be trusted, so the framer reports
 * {@link Oversize} once and refuses further input; the session drops the connection.
 *
 * <p>A frame of length 0 carries no message; some hosts send it as a keep-alive. It is counted
 * ({@link #keepAlives()}) and skipped. There is no inter-byte timeout: TCP delivers the rest of a
 * frame or breaks the connection, and pending requests have their own deadlines.
 * Not thread-safe: one framer per connection, fed by its reader thread.
 */
public final class LengthPrefixFramer {
    /** 8 KiB: the largest profile message (all fields, 999-character 55/60/63) is about 3.2 KiB. */
    public static final int DEFAULT_MAXIMUM = 8 * 1024;

    /** What {@link #accept} found. */
    public sealed interface Event {
    }

    /** One complete message body, without its length prefix. */
    public record Body(byte[] bytes) implements Event {
    }

    /** A length prefix above the maximum: drop the connection. */
    public record Oversize(int declaredLength, int maximum) implements Event {
    }

    private final int maximum;
    private final byte[] prefix = new byte[2];
    private int prefixFilled;
    private byte[] body;
    private int bodyFilled;
    private boolean stopped;
    private long keepAlives;

    public LengthPrefixFramer() {
        this(DEFAULT_MAXIMUM);
    }

    public LengthPrefixFramer(int maximum) {
        if (maximum < 1 || maximum > 0xFFFF) {
            throw new IllegalArgumentException("maximum must be 1..65535, was " + maximum);
        }
        this.maximum = maximum;
    }

    /**
     * Feeds {@code len} bytes from {@code buf[off]}.
     *
     * @return the bodies completed by these bytes, in order; an {@link Oversize} ends the list
     * @throws IllegalStateException if called again after an {@link Oversize}
     */
    public List<Event> accept(byte[] buf, int off, int len) {
        if (stopped) {
            throw new IllegalStateException("framer stopped after an oversize frame; the connection must be dropped");
        }
        List<Event> events = new ArrayList<>(1);
        int end = off + len;
        int at = off;
        while (at < end) {
            if (body == null) {
                prefix[prefixFilled++] = buf[at++];
                if (prefixFilled == 2) {
                    Event problem = startBody();
                    if (problem != null) {
                        events.add(problem);
                        return events;
                    }
                }
            } else {
                int n = Math.min(end - at, body.length - bodyFilled);
                System.arraycopy(buf, at, body, bodyFilled, n);
                bodyFilled += n;
                at += n;
                if (bodyFilled == body.length) {
                    events.add(new Body(body));
                    body = null;
                }
            }
        }
        return events;
    }

    private Event startBody() {
        int declared = ((prefix[0] & 0xFF) << 8) | (prefix[1] & 0xFF);
        prefixFilled = 0;
        if (declared > maximum) {
            stopped = true;
            return new Oversize(declared, maximum);
        }
        if (declared == 0) {
            keepAlives++;
            return null;
        }
        body = new byte[declared];
        bodyFilled = 0;
        return null;
    }

    /** The length prefix and {@code body}, ready for one socket write. */
    public byte[] frame(byte[] body) {
        if (body.length == 0 || body.length > maximum) {
            throw new IllegalArgumentException("message body of " + body.length + " bytes, must be 1.." + maximum);
        }
        byte[] framed = new byte[body.length + 2];
        framed[0] = (byte) (body.length >>> 8);
        framed[1] = (byte) body.length;
        System.arraycopy(body, 0, framed, 2, body.length);
        return framed;
    }

    public int maximum() {
        return maximum;
    }

    /** Zero-length frames skipped so far. */
    public long keepAlives() {
        return keepAlives;
    }
}
