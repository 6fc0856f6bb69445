package dev.posterm.core.wiring;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * systemd's watchdog, petted only while the controller's loops live: every background loop
 * (reversals, receipts, store-and-forward, the link monitor, ...) still running and no thread of
 * the JVM deadlocked. A loop that died would leave the terminal selling while reversals are never
 * delivered or slips never printed; missing pets, systemd restarts the service, and recovery at
 * start finishes what the journal owes.
 *
 * <p>A loop that lives but hangs (blocked on I/O forever) is not seen here: that needs a heartbeat
 * from inside each loop (docs/install.md, "Watchdog").
 */
final class Watchdog {
    private final ServiceNotifier notifier;
    private final Supplier<Collection<Thread>> loops;
    private boolean lastWasHealthy = true;

    Watchdog(ServiceNotifier notifier, Supplier<Collection<Thread>> loops) {
        this.notifier = notifier;
        this.loops = loops;
    }

    /** What is wrong now: the loops that stopped and the deadlocked threads, by name; empty when all is well. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Thread t : loops.get()) {
            if (!t.isAlive()) {
                problems.add("loop " + t.getName() + " stopped");
            }
        }
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        if (deadlocked != null) {
            for (var info : ManagementFactory.getThreadMXBean().getThreadInfo(deadlocked)) {
                problems.add("thread " + (info == null ? "?" : info.getThreadName()) + " deadlocked");
            }
        }
        return problems;
    }

    /** One round: pets when all is well, else says why not (once, until it is well again). */
    synchronized boolean petIfAlive() {
        List<String> problems = problems();
        if (problems.isEmpty()) {
            lastWasHealthy = true;
            return notifier.send("WATCHDOG=1");
        }
        if (lastWasHealthy) {
            Logger.error("systemd watchdog not petted: {}; systemd will restart posterm", String.join(", ", problems));
        }
        lastWasHealthy = false;
        return false;
    }

    /** Pets every half interval, as sd_watchdog_enabled(3) advises, until interrupted. */
    void runForever(Duration interval) {
        long every = Math.max(500, interval.toMillis() / 2);
        while (!Thread.currentThread().isInterrupted()) {
            petIfAlive();
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
