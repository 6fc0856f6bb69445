package dev.posterm.drivers.reader.link;

/** How sending one frame ended at the link level. */
public sealed interface SendResult {

    /** The reader ACKed the frame. */
    record Delivered(int seq) implements SendResult {
    }

    /** Not delivered: the port is closed or went away, or no ACK after every resend. */
    record Failed(String reason) implements SendResult {
    }
}
