package dev.posterm.core.engine;

import dev.posterm.core.hostlink.HostReply;
import java.time.Instant;
import java.util.Optional;

/**
 * A port: what the engine needs to know of the host link beyond the link itself, and what it tells
 * back. Implemented by the link monitor (echo tests, the modem, the answers sales get).
 */
public interface LinkView {
    /** True while the link is judged OFFLINE: a sale does not try the host, the customer is not kept waiting. */
    boolean knownDown();

    /** When the current outage began, while the link is OFFLINE (the offline policy limits its age). */
    Optional<Instant> outageSince();

    /** The reply a sale's 0200 got, so the link's judgement counts real traffic too. */
    void report(HostReply reply);
}
