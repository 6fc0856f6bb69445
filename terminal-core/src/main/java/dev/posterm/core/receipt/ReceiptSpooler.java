package dev.posterm.core.receipt;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.engine.OwedSlips;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.engine.CashDrawer;
import dev.posterm.printer.DrawerOutcome;
import dev.posterm.printer.PrintOutcome;
import dev.posterm.printer.ReceiptPrinter;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.status.PrinterStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Prints the slips the journal owes, in order. A slip is marked printed only when the printer's
 * status after its cut says ready; a printer that is out of paper, open or silent keeps the slip
 * owed, raises an alert, and the slip prints as soon as the printer is ready again. A slip that was
 * sent and then not confirmed (the roll ran out under it) may be partly on paper: it prints again
 * whole, marked as a reprint of an interrupted slip, so nobody reads two slips as two sales. After a crash, owed slips print on
 * start (a slip cut just before the crash may print twice: a duplicate slip beats a missing one).
 */
public final class ReceiptSpooler implements OwedSlips, CashDrawer {
    private final Journal journal;
    private final ReceiptPrinter printer;
    private final SlipFactory slips;
    private final Alerts alerts;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Heartbeat heartbeat = Heartbeat.unwatched();
    private volatile PrinterStatus lastStatus = new PrinterStatus.NoAnswer("not asked yet");
    /** The cash payment whose drawer is to open; held in memory only (see {@link CashDrawer}). */
    private final java.util.concurrent.atomic.AtomicReference<String> drawerOwed = new java.util.concurrent.atomic.AtomicReference<>();
    /**
     * Alert slips waiting for the printer, in memory only: the alert itself is journaled and stays in
     * status, so a slip lost to a restart loses nothing a person cannot still see.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<ReceiptDocument> alertSlips =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public ReceiptSpooler(Journal journal, ReceiptPrinter printer, SlipFactory slips, Alerts alerts, Clock clock) {
        this.journal = journal;
        this.printer = printer;
        this.slips = slips;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The printer's status as last read (no I/O). */
    public PrinterStatus lastStatus() {
        return lastStatus;
    }

    public int owedCount() {
        return journal.read(c -> ReceiptTable.pending(c).size());
    }

    /** A slip was queued in the journal: print it now. */
    @Override
    public void nudge() {
        wakeUp.release();
    }

    /** Prints an alert's slip ({@link AlertSlip}) after the sales' slips owed now. */
    public void printAlert(ReceiptDocument slip) {
        alertSlips.add(slip);
        wakeUp.release();
    }

    /** Opens the drawer on the spooler's thread, before the sale's slip: the cashier needs change first. */
    @Override
    public void open(String paymentId) {
        drawerOwed.set(paymentId);
        wakeUp.release();
    }

    private void kickDrawerIfOwed() {
        String paymentId = drawerOwed.getAndSet(null);
        if (paymentId == null) {
            return;
        }
        switch (printer.openDrawer()) {
            case DrawerOutcome.Kicked k -> Logger.info("cash drawer opened for payment {}", paymentId);
            case DrawerOutcome.NotKicked n -> Logger.warn("cash drawer not opened for payment {}: {}; open it by key",
                    paymentId, n.reason());
        }
    }

    /** Opens the drawer if a cash sale asked, then prints what is owed; stops at the first slip the printer cannot take. */
    public synchronized void printOwed() {
        kickDrawerIfOwed();
        for (ReceiptTable.Owed owed : journal.read(ReceiptTable::pending)) {
            var payment = journal.read(c -> PaymentTable.find(c, owed.paymentId())).orElseThrow();
            PrintOutcome outcome = printer.print(slips.slip(payment, owed.copy(), owed.interrupted()));
            switch (outcome) {
                case PrintOutcome.NotPrinted notPrinted -> {
                    notReady(notPrinted.status());
                    return;
                }
                case PrintOutcome.Interrupted interrupted -> {
                    journal.inTransaction(c -> {
                        ReceiptTable.interrupted(c, owed.id(), clock.instant());
                        return null;
                    });
                    Logger.warn("{} slip of payment {} interrupted ({}): it prints again, marked, when the printer is ready",
                            owed.copy(), owed.paymentId(), describe(interrupted.status()));
                    notReady(interrupted.status());
                    return;
                }
                case PrintOutcome.Printed printed -> { }
            }
            lastStatus = new PrinterStatus.Ready(false);
            journal.inTransaction(c -> {
                ReceiptTable.printed(c, owed.id(), clock.instant());
                return null;
            });
            Logger.info("printed {} slip of payment {}", owed.copy(), owed.paymentId());
            heartbeat.beat();
        }
        for (ReceiptDocument slip = alertSlips.peek(); slip != null; slip = alertSlips.peek()) {
            switch (printer.print(slip)) {
                case PrintOutcome.NotPrinted n -> {
                    notReady(n.status());
                    return;   // kept: it prints when the printer is ready
                }
                case PrintOutcome.Interrupted i -> {
                    notReady(i.status());
                    return;   // kept: it prints again whole
                }
                case PrintOutcome.Printed p -> { }
            }
            alertSlips.poll();
            Logger.info("printed an alert slip");
        }
        alerts.clear(Alerts.Kind.PRINTER_NOT_READY);
    }

    /**
     * Prints a slip that is not a payment's (a shift report, a configuration's outcome) now, between
     * the payments' slips, never in the middle of one. Not journaled: such a slip is a view of the
     * journal that can be asked for again, and no money hangs on it.
     */
    public synchronized PrintOutcome printNow(dev.posterm.printer.layout.ReceiptDocument document) {
        PrintOutcome outcome = printer.print(document);
        if (!(outcome instanceof PrintOutcome.Printed)) {
            Logger.warn("slip not printed: {}", outcome);
        }
        return outcome;
    }

    private void notReady(PrinterStatus status) {
        lastStatus = status;
        alerts.raise(Alerts.Kind.PRINTER_NOT_READY, describe(status));
    }

    /** Refreshes the printer status for status screens when nothing is owed. */
    public void refreshStatus() {
        lastStatus = printer.status();
    }

    /** Prints owed slips as they come, checking a waiting printer every 2 s, until interrupted. */
    public void runForever() {
        runForever(Heartbeat.unwatched());
    }

    /** As {@link #runForever()}, beating {@code beat} at each turn, after each slip and before each wait. */
    public void runForever(Heartbeat beat) {
        heartbeat = beat;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat.beat();
                if (owedCount() > 0 || drawerOwed.get() != null || !alertSlips.isEmpty()) {
                    printOwed();
                } else {
                    refreshStatus();
                }
                long wait = owedCount() > 0 || !alertSlips.isEmpty() ? 2_000 : 10_000;
                beat.waiting(Duration.ofMillis(wait));
                if (wakeUp.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.error(e, "receipt spooler");
                beat.waiting(Duration.ofSeconds(2));
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    public static String describe(PrinterStatus s) {
        return switch (s) {
            case PrinterStatus.PaperOut p -> "paper out";
            case PrinterStatus.CoverOpen c -> "cover open";
            case PrinterStatus.Fault f -> "fault: " + f.description();
            case PrinterStatus.NoAnswer n -> "no answer: " + n.reason();
            case PrinterStatus.Ready r -> r.paperNearEnd() ? "paper near end" : "ready";
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
