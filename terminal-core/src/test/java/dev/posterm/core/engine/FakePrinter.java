package dev.posterm.core.engine;

import dev.posterm.printer.PrintOutcome;
import dev.posterm.printer.ReceiptPrinter;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.status.PrinterStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A printer whose status a test sets; keeps the text of every slip it printed. */
final class FakePrinter implements ReceiptPrinter {
    final List<String> slips = new CopyOnWriteArrayList<>();
    volatile PrinterStatus status = new PrinterStatus.Ready(false);

    @Override
    public void connect() {
    }

    @Override
    public PrinterStatus status() {
        return status;
    }

    /** How many times the cash drawer was kicked. */
    final java.util.concurrent.atomic.AtomicInteger drawerKicks = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public dev.posterm.printer.DrawerOutcome openDrawer() {
        drawerKicks.incrementAndGet();
        return new dev.posterm.printer.DrawerOutcome.Kicked();
    }

    @Override
    public PrintOutcome print(ReceiptDocument document) {
        if (!status.canPrint()) {
            return new PrintOutcome.NotPrinted(status);
        }
        StringBuilder text = new StringBuilder();
        for (ReceiptDocument.Line line : document.lines()) {
            switch (line) {
                case ReceiptDocument.Text t -> text.append(t.text());
                case ReceiptDocument.Pair p -> text.append(p.label()).append(' ').append(p.value());
                case ReceiptDocument.Rule r -> text.append("----");
                case ReceiptDocument.Blank b -> { }
            }
            text.append('\n');
        }
        slips.add(text.toString());
        return new PrintOutcome.Printed(text.length());
    }

    @Override
    public void close() {
    }
}
