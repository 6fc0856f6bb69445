package dev.posterm.core.hostlink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, and can make fail once to inject a fault into whoever reads it next. */
final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final AtomicReference<RuntimeException> fault = new AtomicReference<>();

    MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    /** The next {@link #instant()}, on whatever thread, throws {@code e}; later ones read the time again. */
    void failOnce(RuntimeException e) {
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
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
