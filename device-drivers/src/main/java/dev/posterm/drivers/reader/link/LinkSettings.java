package dev.posterm.drivers.reader.link;

import java.time.Duration;

/**
 * Link timing. The spec fixes ACK wait (300 ms), resends (3) and the inter-byte timeout (100 ms);
 * the reopen backoff and the read poll are ours. Tests shorten the backoff, never the spec values.
 *
 * @param ackTimeout       how long a sent frame waits for ACK/NAK before it is sent again
 * @param maxResends       how many times a frame is sent again after NAK or silence
 * @param interByteTimeout a frame pausing longer than this is dropped
 * @param reopenFirst      first wait after a failed open; doubles up to {@code reopenMax}
 * @param reopenMax        longest wait between attempts to open the port
 * @param readPoll         how long one read waits; bounds how fast {@code close()} stops the thread
 */
public record LinkSettings(Duration ackTimeout, int maxResends, Duration interByteTimeout,
                           Duration reopenFirst, Duration reopenMax, Duration readPoll) {

    public static LinkSettings standard() {
        return new LinkSettings(Duration.ofMillis(300), 3, Duration.ofMillis(100),
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMillis(50));
    }

    public LinkSettings withReopen(Duration first, Duration max) {
        return new LinkSettings(ackTimeout, maxResends, interByteTimeout, first, max, readPoll);
    }
}
