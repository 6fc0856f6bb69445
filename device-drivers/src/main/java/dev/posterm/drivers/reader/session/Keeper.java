package dev.posterm.drivers.reader.session;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The thread ({@code crl1-keeper <port>}) that brings the reader back: whenever the port is open
 * but the link is not known to work (just opened, or the last frame went unacknowledged) it
 * pings, at once after an opening, then with backoff (0.5 s doubling to 5 s by default).
 * The link thread does the reopening of the port itself.
 */
final class Keeper {
    private final String port;
    private final BooleanSupplier needsPing;
    private final Runnable ping;
    private final long firstWaitNanos;
    private final long maxWaitNanos;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    Keeper(String port, BooleanSupplier needsPing, Runnable ping, Duration firstWait, Duration maxWait) {
        this.port = port;
        this.needsPing = needsPing;
        this.ping = ping;
        this.firstWaitNanos = firstWait.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("crl1-keeper " + port).start(this::run);
        }
    }

    /** The port was just opened: ping now. */
    void wake() {
        wake.release();
    }

    private void run() {
        long wait = firstWaitNanos;
        while (running) {
            try {
                if (wake.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    wake.drainPermits();
                    wait = firstWaitNanos;
                }
            } catch (InterruptedException e) {
                return;  // stop() interrupts this thread
            }
            if (!running || !needsPing.getAsBoolean()) {
                continue;
            }
            ping.run();
            wait = needsPing.getAsBoolean() ? Math.min(wait * 2, maxWaitNanos) : firstWaitNanos;
        }
    }

    void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
