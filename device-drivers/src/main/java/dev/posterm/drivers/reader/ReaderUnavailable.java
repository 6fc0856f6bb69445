package dev.posterm.drivers.reader;

import java.time.Duration;

/**
 * The link failed: no ACK after the retries, the port is gone, or no answer before the deadline.
 * The driver keeps trying to reconnect in the background; this outcome says the operation did
 * not complete, with what the driver knows about why.
 *
 * @param reason   an English sentence naming the port and the operation
 * @param elapsed  time spent on the operation before giving up
 */
public record ReaderUnavailable(String reason, Duration elapsed) implements StartOutcome, FinalOutcome {
}
