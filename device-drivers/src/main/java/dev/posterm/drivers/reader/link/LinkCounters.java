package dev.posterm.drivers.reader.link;

import java.util.concurrent.atomic.AtomicLong;

/** What the link has counted since start; read by status and quoted in failure messages. */
public final class LinkCounters {
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong retransmissions = new AtomicLong();
    final AtomicLong naksReceived = new AtomicLong();
    final AtomicLong naksSent = new AtomicLong();
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong linkFailures = new AtomicLong();
    final AtomicLong openings = new AtomicLong();
    volatile long garbageBytes;
    volatile long timedOutFrames;

    public long framesSent() {
        return framesSent.get();
    }

    public long retransmissions() {
        return retransmissions.get();
    }

    public long naksReceived() {
        return naksReceived.get();
    }

    public long naksSent() {
        return naksSent.get();
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    /** Frames the reader sent again with the SEQ we had accepted: ACKed, not processed. */
    public long duplicates() {
        return duplicates.get();
    }

    public long linkFailures() {
        return linkFailures.get();
    }

    public long openings() {
        return openings.get();
    }

    public long garbageBytes() {
        return garbageBytes;
    }

    public long timedOutFrames() {
        return timedOutFrames;
    }

    @Override
    public String toString() {
        return "sent " + framesSent() + ", resent " + retransmissions() + ", NAKs received " + naksReceived()
                + ", received " + framesReceived() + ", NAKs sent " + naksSent() + ", duplicates " + duplicates()
                + ", garbage bytes " + garbageBytes + ", timed-out frames " + timedOutFrames
                + ", link failures " + linkFailures() + ", openings " + openings();
    }
}
