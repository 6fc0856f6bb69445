package dev.posterm.drivers.reader.link;

/** What the {@link Framer} recognised on the line. */
public sealed interface LinkEvent {

    /** A frame with the right LEN, ETX and LRC: answer ACK. */
    record FrameReceived(Frame frame) implements LinkEvent {
    }

    /** A frame that started but is wrong (LEN out of range, no ETX, bad LRC): answer NAK. */
    record FrameRejected(String reason) implements LinkEvent {
    }

    /** An ACK byte outside a frame. */
    record Ack() implements LinkEvent {
    }

    /** A NAK byte outside a frame. */
    record Nak() implements LinkEvent {
    }
}
