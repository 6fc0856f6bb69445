package dev.posterm.printer;

import dev.posterm.printer.status.PrinterStatus;

/** What became of a print request. */
public sealed interface PrintOutcome {

    /** The slip was sent to a printer that reported ready just before. */
    record Printed(int bytesSent) implements PrintOutcome {
    }

    /** Not sent: the printer is not ready (paper out, cover open, fault, no answer). Nothing was printed. */
    record NotPrinted(PrinterStatus status) implements PrintOutcome {
    }
}
