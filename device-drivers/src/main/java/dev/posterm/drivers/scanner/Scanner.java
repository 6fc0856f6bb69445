package dev.posterm.drivers.scanner;

import java.time.Duration;

/**
 * The counter's barcode scanner: the codes it reads, one at a time, in the order scanned.
 * Scans made while nobody waits are kept (the last few only), so a cashier may scan just before the
 * register asks; {@link #clear()} forgets them when a stale code must not be used.
 */
public interface Scanner extends AutoCloseable {

    /** The oldest scan not yet taken, waiting at most {@code timeout} for one. */
    ScanResult next(Duration timeout) throws InterruptedException;

    /** Whether its line is open now (status shows it); a scanner that cannot tell says false. */
    default boolean connected() {
        return false;
    }

    /** Forgets scans not yet taken. */
    void clear();

    @Override
    void close();
}
