package dev.posterm.core.report;

import dev.posterm.core.batch.Batches;
import dev.posterm.core.batch.ShiftRows;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.printer.PrintOutcome;
import dev.posterm.printer.layout.ReceiptDocument;
import java.time.Clock;
import java.util.function.Function;
import org.tinylog.Logger;

/**
 * The shift reports on the receipt printer: an X report of the open batch on request (nothing is
 * reset or settled by it), and a Z report of each batch as it closes, from the rows the close
 * settled. Both in the terminal's locale. They are read-only views of the journal: printing one
 * twice, or not at all, changes no money; the settlement files remain the record.
 */
public final class ShiftReports {
    private final Batches batches;
    private final TerminalIdentity terminal;
    private final boolean chinese;
    private final Function<ReceiptDocument, PrintOutcome> printer;
    private final Clock clock;

    /** A report and what the printer made of it. */
    public record Printed(ShiftReport report, PrintOutcome outcome) {
        public boolean onPaper() {
            return outcome instanceof PrintOutcome.Printed;
        }
    }

    /**
     * @param printer prints one slip, in turn with the receipts (the spooler's {@code printNow})
     */
    public ShiftReports(Batches batches, TerminalIdentity terminal, boolean chinese,
                        Function<ReceiptDocument, PrintOutcome> printer, Clock clock) {
        this.batches = batches;
        this.terminal = terminal;
        this.chinese = chinese;
        this.printer = printer;
        this.clock = clock;
    }

    /** Prints a Z report at every close from now on. */
    public ShiftReports printZAtEveryClose() {
        batches.onClosed(this::z);
        return this;
    }

    /** The X report: the open batch so far, printed now. */
    public Printed x() {
        ShiftReport report = ShiftReport.of(ShiftReport.Kind.X, batches.openShift(), clock.instant());
        return print(report);
    }

    /** The Z report of a batch just closed. */
    public Printed z(ShiftRows closed) {
        return print(ShiftReport.of(ShiftReport.Kind.Z, closed, clock.instant()));
    }

    private Printed print(ShiftReport report) {
        PrintOutcome outcome = printer.apply(ReportSlip.of(report, terminal, chinese));
        String batch = String.format("%06d", report.batch());
        if (outcome instanceof PrintOutcome.Printed) {
            Logger.info("{} report of batch {} printed", report.kind(), batch);
        } else {
            // Not kept for later: a report is a view, the settlement file is the record (docs/settlement.md).
            Logger.warn("{} report of batch {} not printed: {}", report.kind(), batch, outcome);
        }
        return new Printed(report, outcome);
    }
}
