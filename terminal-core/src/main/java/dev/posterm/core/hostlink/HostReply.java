package dev.posterm.core.hostlink;

import java.time.Duration;

/** What became of one request to the acquirer host. */
public sealed interface HostReply {

    /** The host answered; {@code roundTrip} from the request leaving to the answer arriving. */
    record Answered(IsoMessage response, Duration roundTrip) implements HostReply {
    }

    /**
     * The request left but no answer came within the timeout: the outcome is unknown, and for a
     * financial request the caller must reverse it.
     */
    record NoAnswer(Duration waited) implements HostReply {
    }

    /** The request never left: no connection could be made. Nothing happened at the host. */
    record Unreachable(String reason) implements HostReply {
    }
}
