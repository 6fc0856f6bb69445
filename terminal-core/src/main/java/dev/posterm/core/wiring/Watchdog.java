package dev.posterm.core.wiring;

import dev.posterm.core.heartbeat.Heartbeats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * systemd's watchdog, petted only while the controller's loops live and turn: every background
 * loop (reversals, receipts, store-and-forward, the link monitor, ...) still running, each one's
 * heartbeat fresh (it beat within its bound: a loop blocked on I/O forever is seen, a loop waiting
 * a bounded time is not blamed), and no thread of the JVM deadlocked. A loop that died or hung
 * would leave the terminal selling while reversals are never delivered or slips never printed;
 * missing pets, systemd restarts the service, and recovery at start finishes what the journal owes.
 */
final class Watchdog {
    /** Where a pet goes: systemd's notify socket in the product, a list in a test. */
    interface Pets {
        boolean send(String state);
    }

    private final Pets notifier;
    private final Supplier<Collection<Thread>> loops;
    private final Heartbeats heartbeats;
    private boolean lastWasHealthy = true;

    Watchdog(Pets notifier, Supplier<Collection<Thread>> loops, Heartbeats heartbeats) {
        this.notifier = notifier;
        this.loops = loops;
        this.heartbeats = heartbeats;
    }

    /** What is wrong now: the loops that stopped or hung and the deadlocked threads, by name; empty when all is well. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Thread t : loops.get()) {
            if (!t.isAlive()) {
                problems.add("loop " + t.getName() + " stopped");
            }
        }
        heartbeats.overdue().forEach(late -> problems.add(late.toString()));
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
            dumpStacksOfHung();
            Logger.error("watchdog not petted: {} (under systemd, WatchdogSec then restarts posterm)", String.join(", ", problems));
        }
        lastWasHealthy = false;
        return false;
    }

    /** Where each hung loop is blocked, so the log says which call never returned. */
    private void dumpStacksOfHung() {
        java.util.Set<String> hung = new java.util.HashSet<>();
        heartbeats.overdue().forEach(late -> hung.add(late.loop()));
        for (Thread t : loops.get()) {
            if (hung.contains(t.getName())) {
                StringBuilder where = new StringBuilder();
                for (StackTraceElement e : t.getStackTrace()) {
                    where.append("\n    at ").append(e);
                }
                Logger.error("loop {} hung at:{}", t.getName(), where);
            }
        }
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
