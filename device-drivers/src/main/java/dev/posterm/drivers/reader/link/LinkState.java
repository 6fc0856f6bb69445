package dev.posterm.drivers.reader.link;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the link works, since when, and the last problem in words: what status shows.
 * "Connected" means the port is open and the last frame either way was acknowledged.
 */
public final class LinkState {
    private final Clock clock;
    private boolean connected;
    private Instant since;
    private String lastProblem;

    public LinkState(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    public synchronized boolean connected() {
        return connected;
    }

    public synchronized Instant since() {
        return since;
    }

    public synchronized Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    synchronized void connected(boolean now) {
        if (now != connected) {
            connected = now;
            since = clock.instant();
        }
    }

    /** Records a problem; returns true if it differs from the last one (worth a log line). */
    synchronized boolean problem(String reason) {
        boolean changed = !Objects.equals(reason, lastProblem);
        lastProblem = reason;
        return changed;
    }
}
