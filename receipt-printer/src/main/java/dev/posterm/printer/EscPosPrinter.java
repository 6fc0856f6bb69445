package dev.posterm.printer;

import dev.posterm.drivers.io.Transport;
import dev.posterm.printer.escpos.CommandBuffer;
import dev.posterm.printer.escpos.DrawerPin;
import dev.posterm.printer.layout.PaperWidth;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.layout.ReceiptRenderer;
import dev.posterm.printer.status.PrinterStatus;
import dev.posterm.printer.status.StatusPoller;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * An ESC/POS printer on a {@link Transport} (serial, or raw TCP such as port 9100).
 *
 * <p>Every {@link #status()} and {@link #print} opens the transport if it is not open, asks DLE EOT
 * 1..4 ({@link StatusPoller}) and, for a print, sends the slip only when the answer is
 * {@link PrinterStatus.Ready}, then asks again after the cut: only a printer still ready then has
 * printed the slip ({@link PrintOutcome.Printed}); otherwise it is {@link PrintOutcome.Interrupted}. When the line is gone or silent the transport is closed, so the next
 * call opens it again: a printer unplugged and plugged back, or a TCP printer rebooted, works again
 * without a restart. No method throws; failures become {@link PrinterStatus.NoAnswer}.
 *
 * <p>A write that fails half-way returns {@code Interrupted(NoAnswer)}: part of the slip may have
 * printed, and printing it again later (a duplicate slip) is better than losing it.
 *
 * <p>Logs status changes only, never slip contents. Thread-safe: one exchange at a time.
 */
public final class EscPosPrinter implements ReceiptPrinter {

    private final Transport transport;
    private final ReceiptRenderer renderer;
    private final StatusPoller poller;
    private final ReentrantLock lock = new ReentrantLock();
    private PrinterStatus lastStatus;

    /** The production form: default 500 ms answer timeout, system clock. */
    public EscPosPrinter(Transport transport, PaperWidth paperWidth) {
        this(transport, new ReceiptRenderer(paperWidth), StatusPoller.DEFAULT_ANSWER_TIMEOUT, System::nanoTime);
    }

    /**
     * @param answerTimeout how long to wait for each DLE EOT answer
     * @param nanoTime      the clock ({@code System::nanoTime} outside tests)
     */
    public EscPosPrinter(Transport transport, ReceiptRenderer renderer, Duration answerTimeout, LongSupplier nanoTime) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.poller = new StatusPoller(transport, answerTimeout, nanoTime);
    }

    @Override
    public void connect() {
        lock.lock();
        try {
            PrinterStatus failure = openIfClosed();
            if (failure != null) {
                observe(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PrinterStatus status() {
        lock.lock();
        try {
            return observe(query());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PrintOutcome print(ReceiptDocument document) {
        lock.lock();
        try {
            // Render before asking, so that the gap between "ready" and the first slip byte is short.
            byte[] slip = renderer.render(document);
            PrinterStatus status = observe(query());
            if (!status.canPrint()) {
                return new PrintOutcome.NotPrinted(status);
            }
            transport.write(slip);
            // Ready before is not printed: the roll may end, or the cover open, under the slip.
            // The printer answers DLE EOT after the bytes before it, so this is the state after the cut.
            PrinterStatus after = observe(query());
            if (!after.canPrint()) {
                Logger.warn("printer {}: slip of {} bytes sent, then {}: not counted as printed",
                        transport.name(), slip.length, after);
                return new PrintOutcome.Interrupted(after);
            }
            Logger.debug("printer {}: slip of {} bytes printed", transport.name(), slip.length);
            return new PrintOutcome.Printed(slip.length);
        } catch (IOException e) {
            return new PrintOutcome.Interrupted(observe(lineLost("write of the slip failed", e)));
        } catch (RuntimeException e) {
            Logger.error(e, "printer {}: cannot print the slip", transport.name());
            return new PrintOutcome.NotPrinted(new PrinterStatus.Fault("internal error: " + e.getClass().getSimpleName()));
        } finally {
            lock.unlock();
        }
    }

    /** 100 ms on, 200 ms off: within what common drawer solenoids ask for (Epson's example uses 50..500). */
    static final int DRAWER_ON_MILLIS = 100;
    static final int DRAWER_OFF_MILLIS = 200;

    @Override
    public DrawerOutcome openDrawer() {
        lock.lock();
        try {
            PrinterStatus failure = openIfClosed();
            if (failure != null) {
                return new DrawerOutcome.NotKicked(observe(failure).toString());
            }
            transport.write(new CommandBuffer().drawerPulse(DrawerPin.PIN_2, DRAWER_ON_MILLIS, DRAWER_OFF_MILLIS)
                    .toByteArray());
            Logger.info("printer {}: cash drawer pulse sent", transport.name());
            return new DrawerOutcome.Kicked();
        } catch (IOException e) {
            PrinterStatus.NoAnswer lost = lineLost("drawer pulse failed", e);
            observe(lost);
            return new DrawerOutcome.NotKicked(lost.reason());
        } catch (RuntimeException e) {
            Logger.error(e, "printer {}: cannot send the drawer pulse", transport.name());
            return new DrawerOutcome.NotKicked("internal error: " + e.getClass().getSimpleName());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            transport.close();
        } finally {
            lock.unlock();
        }
    }

    private PrinterStatus query() {
        PrinterStatus failure = openIfClosed();
        if (failure != null) {
            return failure;
        }
        try {
            PrinterStatus status = poller.poll();
            if (status instanceof PrinterStatus.NoAnswer) {
                // Reopen next time: a silent line may be a TCP session that died without a FIN.
                transport.close();
            }
            return status;
        } catch (IOException e) {
            return lineLost("status request failed", e);
        } catch (RuntimeException e) {
            transport.close();
            return new PrinterStatus.NoAnswer("status request failed on " + transport.name() + ": " + e);
        }
    }

    /** @return null when the transport is open, else why it could not be opened */
    private PrinterStatus openIfClosed() {
        if (transport.isOpen()) {
            return null;
        }
        try {
            transport.open();
            return null;
        } catch (IOException | RuntimeException e) {
            transport.close();
            return new PrinterStatus.NoAnswer("cannot open " + transport.name() + ": " + e.getMessage());
        }
    }

    private PrinterStatus.NoAnswer lineLost(String what, IOException e) {
        if (e instanceof ClosedByInterruptException
                || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        return new PrinterStatus.NoAnswer(what + " on " + transport.name() + ": " + e.getMessage());
    }

    private PrinterStatus observe(PrinterStatus status) {
        if (!status.equals(lastStatus)) {
            if (status.canPrint()) {
                Logger.info("printer {}: {} (was {})", transport.name(), status, lastStatus);
            } else {
                Logger.warn("printer {}: {} (was {})", transport.name(), status, lastStatus);
            }
            lastStatus = status;
        }
        return status;
    }
}
