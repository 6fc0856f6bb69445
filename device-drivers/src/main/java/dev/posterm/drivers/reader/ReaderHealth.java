package dev.posterm.drivers.reader;

import java.time.Instant;
import java.util.Optional;

/**
 * The reader link as status shows it.
 *
 * @param connected         the port is open and the last ping or frame was acknowledged
 * @param port              the configured port, e.g. "/dev/ttyUSB0"
 * @param info              the last {@code p} answer, if any
 * @param since             when {@code connected} last changed
 * @param retransmissions   frames sent again after NAK or silence, since start
 * @param naksSent          frames we rejected (bad LEN, ETX or LRC), since start
 * @param garbageBytes      bytes discarded outside frames, since start
 * @param lastProblem       the last link problem in words, if any
 */
public record ReaderHealth(boolean connected, String port, Optional<ReaderInfo> info, Instant since,
                           long retransmissions, long naksSent, long garbageBytes,
                           Optional<String> lastProblem) {
}
