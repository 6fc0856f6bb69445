package dev.posterm.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand, so a timer in the code under test (a repeat time, an echo
 * interval, a round trip) runs out when the test says, not when the machine is slow. It can also
 * fail once, to inject a fault into whoever reads it next. Safe to read from any thread.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final AtomicReference<RuntimeException> fault;
    private final ZoneId zone;

    public ManualClock(Instant start) {
        this(new AtomicReference<>(start), new AtomicReference<>(), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, AtomicReference<RuntimeException> fault, ZoneId zone) {
        this.now = now;
        this.fault = fault;
        this.zone = zone;
    }

    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    /** The next {@link #instant()}, on whatever thread, throws {@code e}; later ones read the time again. */
    public void failOnce(RuntimeException e) {
        fault.set(e);
    }

    @Override
    public Instant instant() {
        RuntimeException e = fault.getAndSet(null);
        if (e != null) {
            throw e;
        }
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same hand-moved time seen from {@code zone}: advancing either moves both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(now, fault, zone);
    }
}
