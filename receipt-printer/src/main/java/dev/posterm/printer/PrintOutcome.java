package dev.posterm.printer;

import dev.posterm.printer.status.PrinterStatus;

/** What became of a print request. */
public sealed interface PrintOutcome {

    /** The slip was sent to a printer that reported ready just before, and again after its cut. */
    record Printed(int bytesSent) implements PrintOutcome {
    }

    /**
     * The slip was sent (all or part of it), but the printer did not report ready after the cut
     * (paper ran out, cover opened, an error, no answer): part of it may be on paper, the rest not.
     * Not printed, as far as the caller may count; printing it again may give a second, partial copy.
     */
    record Interrupted(PrinterStatus status) implements PrintOutcome {
    }

    /** Not sent: the printer is not ready (paper out, cover open, fault, no answer). Nothing was printed. */
    record NotPrinted(PrinterStatus status) implements PrintOutcome {
    }
}
