package dev.posterm.core.receipt;

import dev.posterm.core.alerts.Alert;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.layout.ReceiptDocument.Blank;
import dev.posterm.printer.layout.ReceiptDocument.Line;
import dev.posterm.printer.layout.ReceiptDocument.Pair;
import dev.posterm.printer.layout.ReceiptDocument.Rule;
import dev.posterm.printer.layout.ReceiptDocument.Text;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The short slip an alert prints where staff would otherwise miss it (nobody watches a status
 * page at a counter), in the terminal's language:
 * <pre>
 *        Test Shop
 *     *** ALERT ***          (*** 警报 ***)
 *   ------------------------
 *   TERMINAL        T0000001
 *   DATE 2026-12-03 10:10:00
 *   LINK_DOWN_LONG
 *   The terminal has been offline ...   (the message, in the slip's language)
 *   the bank has been unreachable ...   (the detail: English, ids and amounts, never card data)
 *   Show this to the manager            (请交给店长处理)
 * </pre>
 */
public final class AlertSlip {
    /** The alerts that print a slip: those a person must act on and would not otherwise notice. */
    public static final Set<String> PRINTED = Set.of("REVERSAL_STUCK", "SECOND_SUCCESS_UNDONE", "LINK_DOWN_LONG",
            "QR_REVERSE_STUCK", "SAF_NEAR_COUNT", "SAF_NEAR_TOTAL", "SAF_EXPIRING");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlertSlip() {
    }

    /**
     * Prints the slip of each alert in {@link #PRINTED} when it is raised (an event listener); the
     * detail is read from the open alerts, as status shows it.
     */
    public static java.util.function.Consumer<dev.posterm.core.events.TerminalEvent> printer(ReceiptSpooler spooler,
            dev.posterm.core.alerts.Alerts alerts, TerminalIdentity terminal, boolean chinese) {
        return event -> {
            if (event instanceof dev.posterm.core.events.TerminalEvent.AlertRaised raised
                    && PRINTED.contains(raised.code())) {
                alerts.open().stream().filter(a -> a.code().equals(raised.code())).findFirst()
                        .ifPresent(a -> spooler.printAlert(of(a, terminal, chinese)));
            }
        };
    }

    public static ReceiptDocument of(Alert alert, TerminalIdentity terminal, boolean chinese) {
        List<Line> lines = new ArrayList<>();
        lines.add(Text.title(terminal.merchantName()));
        lines.add(new Text(chinese ? "*** 警报 ***" : "*** ALERT ***", ReceiptDocument.Align.CENTER, true, true));
        lines.add(new Rule());
        lines.add(new Pair(chinese ? "终端号" : "TERMINAL", terminal.terminalId()));
        lines.add(new Pair(chinese ? "时间" : "DATE", WHEN.format(alert.since().atZone(terminal.zone()))));
        lines.add(new Text(alert.code(), ReceiptDocument.Align.LEFT, true, false));
        lines.add(Text.left(chinese ? alert.chinese() : alert.english()));
        alert.detail().ifPresent(d -> lines.add(Text.left(d)));
        lines.add(new Blank());
        lines.add(Text.center(chinese ? "请交给店长处理" : "Show this to the manager"));
        return new ReceiptDocument(chinese ? ReceiptDocument.Script.CHINESE : ReceiptDocument.Script.LATIN, lines);
    }
}
