package dev.posterm.printer.status;

import java.util.ArrayList;
import java.util.List;

/**
 * The four real-time status answers, decoded (Epson, DLE EOT n):
 *
 * <pre>
 *   n=1 printer status     bit 3  offline
 *   n=2 offline cause      bit 2  cover open
 *                          bit 3  paper being fed by the paper feed button
 *                          bit 5  printing stopped because of paper end
 *                          bit 6  error occurred
 *   n=3 error cause        bit 2  recoverable (auto-cutter) error
 *                          bit 3  unrecoverable error
 *                          bit 5  auto-recoverable error (e.g. head too hot)
 *   n=4 roll paper sensor  bits 2-3  paper near end
 *                          bits 5-6  paper end (not present)
 *   every answer: bits 1 and 4 are 1, bits 0 and 7 are 0 ({@link StatusByte})
 * </pre>
 *
 * @param printer      the answer to DLE EOT 1
 * @param offlineCause the answer to DLE EOT 2
 * @param errorCause   the answer to DLE EOT 3
 * @param rollPaper    the answer to DLE EOT 4
 */
public record StatusReport(int printer, int offlineCause, int errorCause, int rollPaper) {

    public StatusReport {
        for (int b : new int[] {printer, offlineCause, errorCause, rollPaper}) {
            if (!StatusByte.isStatusAnswer(b)) {
                throw new IllegalArgumentException(String.format("0x%02X is not a DLE EOT answer", b & 0xFF));
            }
        }
    }

    public boolean offline() {
        return StatusByte.bit(printer, 3);
    }

    public boolean coverOpen() {
        return StatusByte.bit(offlineCause, 2);
    }

    public boolean feedButtonFeeding() {
        return StatusByte.bit(offlineCause, 3);
    }

    public boolean stoppedOnPaperEnd() {
        return StatusByte.bit(offlineCause, 5);
    }

    public boolean errorOccurred() {
        return StatusByte.bit(offlineCause, 6);
    }

    public boolean cutterError() {
        return StatusByte.bit(errorCause, 2);
    }

    public boolean unrecoverableError() {
        return StatusByte.bit(errorCause, 3);
    }

    public boolean autoRecoverableError() {
        return StatusByte.bit(errorCause, 5);
    }

    public boolean paperNearEnd() {
        return StatusByte.bit(rollPaper, 2) || StatusByte.bit(rollPaper, 3);
    }

    public boolean paperEnd() {
        return StatusByte.bit(rollPaper, 5) || StatusByte.bit(rollPaper, 6);
    }

    /**
     * Reduces the bits to what decides printing, first match wins: cover open (an open cover also
     * blinds the paper sensor, and closing it is the operator's first step), paper out (sensor or
     * paper-end stop), error causes, offline for any other reason, otherwise ready.
     */
    public PrinterStatus toPrinterStatus() {
        if (coverOpen()) {
            return new PrinterStatus.CoverOpen();
        }
        if (paperEnd() || stoppedOnPaperEnd()) {
            return new PrinterStatus.PaperOut();
        }
        List<String> causes = new ArrayList<>();
        if (cutterError()) {
            causes.add("auto-cutter error");
        }
        if (unrecoverableError()) {
            causes.add("unrecoverable error");
        }
        if (autoRecoverableError()) {
            causes.add("auto-recoverable error (e.g. print head too hot)");
        }
        if (errorOccurred() && causes.isEmpty()) {
            causes.add("error");
        }
        if (feedButtonFeeding()) {
            causes.add("paper being fed by the feed button");
        }
        if (!causes.isEmpty()) {
            return new PrinterStatus.Fault(String.join(", ", causes));
        }
        if (offline()) {
            return new PrinterStatus.Fault("offline");
        }
        return new PrinterStatus.Ready(paperNearEnd());
    }
}
