package dev.posterm.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated device saw and did, kept in memory for tests and optionally printed for a
 * technician running the device standalone.
 *
 * <p>Callers never put card data in clear into a log line: the simulators mask PAN, track 2 and
 * expiry before calling {@link #add}.
 */
public final class SimLog {
    /** One line of the log: when, and what. */
    public record Entry(Instant at, String text) {
        @Override
        public String toString() {
            return at + " " + text;
        }
    }

    private final String device;
    private final List<Entry> entries = new ArrayList<>();
    private volatile boolean printing;

    public SimLog(String device) {
        this.device = device;
    }

    /** Also print every new line to stdout, prefixed with the device name. */
    public void printing(boolean on) {
        printing = on;
    }

    public void add(String text) {
        Entry entry = new Entry(Instant.now(), text);
        synchronized (entries) {
            entries.add(entry);
        }
        if (printing) {
            System.out.println("[" + device + "] " + text);
        }
    }

    /** A copy of every line so far, oldest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The texts only, oldest first. */
    public List<String> lines() {
        return entries().stream().map(Entry::text).toList();
    }

    /** True when some line so far contains {@code fragment}. */
    public boolean contains(String fragment) {
        return lines().stream().anyMatch(line -> line.contains(fragment));
    }
}
