package dev.posterm.core.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The heartbeats of the controller's loops, by name: the watchdog pets systemd only while none is
 * overdue, and {@code GET /metrics} shows each one's lateness. A loop that lives only as long as
 * its work (a QR payment's worker) registers when it starts and {@link #forget}s when it ends.
 */
public final class Heartbeats {
    /** A loop past its bound, by how long. */
    public record Overdue(String loop, Duration by) {
        @Override
        public String toString() {
            return "loop " + loop + " hung (no heartbeat for " + by.toSeconds() + " s past its bound)";
        }
    }

    private final Clock clock;
    private final Map<String, Heartbeat> loops = new ConcurrentSkipListMap<>();

    public Heartbeats(Clock clock) {
        this.clock = clock;
    }

    /**
     * A new loop's heartbeat, fresh for {@code grace} from now.
     *
     * @param grace the longest one turn of the loop's own work may take between beats (declared
     *              waits come on top); longer, and the loop counts as hung
     * @throws IllegalArgumentException when a loop of that name already beats
     */
    public Heartbeat register(String loop, Duration grace) {
        Heartbeat h = new Heartbeat(loop, clock, grace);
        if (loops.putIfAbsent(loop, h) != null) {
            throw new IllegalArgumentException("a loop named " + loop + " already has a heartbeat");
        }
        return h;
    }

    /** The loop ended on purpose (its work is done): no longer watched. */
    public void forget(Heartbeat h) {
        loops.remove(h.loop(), h);
    }

    /** The loops overdue now, by name; empty when every loop is fresh. */
    public List<Overdue> overdue() {
        Instant now = clock.instant();
        List<Overdue> late = new ArrayList<>();
        loops.values().forEach(h -> h.overdue(now).ifPresent(by -> late.add(new Overdue(h.loop(), by))));
        return late;
    }

    /** When {@code loop} last beat; empty for a loop not watched. */
    public java.util.Optional<Instant> lastBeat(String loop) {
        return java.util.Optional.ofNullable(loops.get(loop)).map(Heartbeat::lastBeat);
    }

    /** Each watched loop with how long it is overdue (zero while fresh), for the metrics page. */
    public Map<String, Duration> lateness() {
        Instant now = clock.instant();
        Map<String, Duration> all = new java.util.LinkedHashMap<>();
        loops.values().forEach(h -> all.put(h.loop(), h.overdue(now).orElse(Duration.ZERO)));
        return all;
    }
}
