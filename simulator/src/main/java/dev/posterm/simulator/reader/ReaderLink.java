package dev.posterm.simulator.reader;

import dev.posterm.simulator.Line;
import dev.posterm.simulator.SimLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The reader's side of CRL/1 link acknowledgement.
 *
 * <p>Receiving: every complete frame is answered ACK (good) or NAK (bad LEN/ETX/LRC); a frame
 * whose SEQ equals the last accepted one is ACKed again but not passed up; {@code P} is always
 * passed up and makes the link forget the last accepted SEQ.
 *
 * <p>Sending: one unacknowledged frame at a time; on NAK or 300 ms of silence the same bytes
 * (same SEQ) go again, at most 3 more times; then the frame is given up, counted as a link
 * failure, and the next queued frame goes.
 *
 * <p>Faults injected by tests live here because they are link behaviour. Not thread-safe: the
 * {@link ReaderSimulator} calls it under its lock.
 */
final class ReaderLink {
    static final long RETRY_NANOS = 300_000_000L;
    static final int MAX_RETRIES = 3;

    private final SimLog log;
    private final CrlFramer framer = new CrlFramer();
    private final Deque<CrlFrame> outbox = new ArrayDeque<>();
    private Line line;
    private int nextTxSeq;
    private int lastAcceptedRx = -1;
    private byte[] inFlight;
    private char inFlightType;
    private long inFlightSentAt;
    private int retries;

    int nakNext;
    int dropAcks;
    boolean corruptNextLrc;

    long framesReceived;
    long badFrames;
    long naksSent;
    long duplicates;
    long retransmissions;
    long linkFailures;

    ReaderLink(SimLog log) {
        this.log = log;
    }

    /** A new connection: a fresh line, nothing half-received, nothing in flight. */
    void connected(Line newLine) {
        line = newLine;
        framer.reset();
        outbox.clear();
        inFlight = null;
    }

    /** Feeds received bytes; returns the frames to act on (new, not duplicate). */
    List<CrlFrame> received(byte[] chunk, long nowNanos) {
        List<CrlFrame> fresh = new ArrayList<>();
        for (CrlFramer.Received r : framer.accept(chunk, nowNanos)) {
            switch (r) {
                case CrlFramer.Good good -> accept(good.frame(), fresh);
                case CrlFramer.Corrupt bad -> {
                    badFrames++;
                    log.add("bad frame (" + bad.reason() + "): NAK");
                    nak();
                }
                case CrlFramer.Ack ack -> acked(nowNanos);
                case CrlFramer.Nak nak -> naked(nowNanos);
            }
        }
        return fresh;
    }

    private void accept(CrlFrame frame, List<CrlFrame> fresh) {
        framesReceived++;
        if (nakNext > 0) {
            nakNext--;
            log.add("rx " + frame + ": NAK (fault: nakNextFrames)");
            nak();
            return;
        }
        if (dropAcks > 0) {
            dropAcks--;
            log.add("rx " + frame + ": ACK withheld (fault: dropNextAcks)");
        } else {
            line.write(new byte[] {CrlFrame.ACK});
        }
        if (frame.type() == 'P') {
            lastAcceptedRx = -1;
            // a restarted controller has no use for frames meant for its previous life
            outbox.clear();
            inFlight = null;
        } else if (frame.seq() == lastAcceptedRx) {
            duplicates++;
            log.add("rx " + frame + ": duplicate SEQ, ACKed, not processed");
            return;
        }
        lastAcceptedRx = frame.type() == 'P' ? -1 : frame.seq();
        log.add("rx " + frame);
        fresh.add(frame);
    }

    void send(char type, byte[] body, long nowNanos) {
        outbox.add(new CrlFrame(nextTxSeq, type, body));
        nextTxSeq = (nextTxSeq + 1) & 0xFF;
        transmitNext(nowNanos);
    }

    void tick(long nowNanos) {
        if (inFlight != null && nowNanos - inFlightSentAt >= RETRY_NANOS) {
            retry(nowNanos, "no ACK in 300 ms");
        }
    }

    boolean idle() {
        return inFlight == null && outbox.isEmpty();
    }

    private void acked(long nowNanos) {
        if (inFlight == null) {
            log.add("stray ACK ignored");
            return;
        }
        inFlight = null;
        transmitNext(nowNanos);
    }

    private void naked(long nowNanos) {
        if (inFlight == null) {
            log.add("stray NAK ignored");
            return;
        }
        retry(nowNanos, "NAK");
    }

    private void retry(long nowNanos, String why) {
        if (retries >= MAX_RETRIES) {
            linkFailures++;
            log.add("tx " + inFlightType + " given up after " + MAX_RETRIES + " retries (" + why + ")");
            inFlight = null;
            transmitNext(nowNanos);
            return;
        }
        retries++;
        retransmissions++;
        log.add("tx " + inFlightType + " again (" + why + "), retry " + retries);
        line.write(inFlight);
        inFlightSentAt = nowNanos;
    }

    private void transmitNext(long nowNanos) {
        if (inFlight != null || outbox.isEmpty() || line == null) {
            return;
        }
        CrlFrame frame = outbox.poll();
        inFlight = frame.encode(false);
        inFlightType = frame.type();
        inFlightSentAt = nowNanos;
        retries = 0;
        log.add("tx " + frame);
        if (corruptNextLrc) {
            corruptNextLrc = false;
            log.add("tx " + frame + " with a broken LRC (fault: corruptNextOutgoingLrc)");
            line.write(frame.encode(true));
        } else {
            line.write(inFlight);
        }
    }

    private void nak() {
        naksSent++;
        line.write(new byte[] {CrlFrame.NAK});
    }
}
