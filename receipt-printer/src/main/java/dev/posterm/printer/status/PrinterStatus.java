package dev.posterm.printer.status;

/**
 * What the printer's real-time status (DLE EOT 1 to 4) says, reduced to what decides whether a
 * receipt can be printed now.
 */
public sealed interface PrinterStatus {

    /** Ready to print. {@code paperNearEnd}: the near-end sensor is on (warn, still print). */
    record Ready(boolean paperNearEnd) implements PrinterStatus {
    }

    /** The paper roll is out (DLE EOT 4 paper-end sensor, or DLE EOT 2 paper-end stop). */
    record PaperOut() implements PrinterStatus {
    }

    /** The cover is open (DLE EOT 2). */
    record CoverOpen() implements PrinterStatus {
    }

    /** The printer reports an error or offline state for another reason (DLE EOT 1 and 3), in words. */
    record Fault(String description) implements PrinterStatus {
    }

    /** No answer to DLE EOT within the timeout, or the port is gone. */
    record NoAnswer(String reason) implements PrinterStatus {
    }

    default boolean canPrint() {
        return this instanceof Ready;
    }
}
