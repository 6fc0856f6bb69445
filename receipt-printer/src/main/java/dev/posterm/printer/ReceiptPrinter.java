package dev.posterm.printer;

import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.status.PrinterStatus;

/**
 * The receipt printer as the controller sees it: ESC/POS over a transport.
 *
 * <p>{@link #print} first reads the real-time status (DLE EOT) and sends the slip only when the
 * printer is ready, so the caller can keep a slip that could not be printed and try again later;
 * it never half-sends a slip to a printer it knows cannot print it.
 */
public interface ReceiptPrinter extends AutoCloseable {

    /** Opens the port; returns even if the printer is absent (then status is NoAnswer). */
    void connect();

    /** Queries DLE EOT 1..4 and returns what they say. Never throws. */
    PrinterStatus status();

    /** Prints one slip (ending with a cut) if the printer is ready, and says whether it still was after the cut. Never throws. */
    PrintOutcome print(ReceiptDocument document);

    /**
     * Opens the cash drawer wired to the printer's kick-out connector (ESC p on pin 2), at once,
     * without asking the status first: a drawer must open for change even when the paper is out.
     * Never throws.
     */
    DrawerOutcome openDrawer();

    @Override
    void close();
}
