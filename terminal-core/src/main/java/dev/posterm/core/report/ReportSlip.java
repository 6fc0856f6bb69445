package dev.posterm.core.report;

import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.settlement.SettlementRow.Method;
import dev.posterm.core.settlement.Tally;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.layout.ReceiptDocument.Blank;
import dev.posterm.printer.layout.ReceiptDocument.Line;
import dev.posterm.printer.layout.ReceiptDocument.Pair;
import dev.posterm.printer.layout.ReceiptDocument.Rule;
import dev.posterm.printer.layout.ReceiptDocument.Text;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A shift report as a slip, in the receipt slips' layout (title, rules, label-value pairs):
 * <pre>
 *            Test Shop
 *      X REPORT - NOT CLOSED          (Z REPORT - BATCH CLOSED)
 * ------------------------------------------------
 * MERCHANT / TERMINAL / BATCH / OPENED / CLOSED / PRINTED
 * ------------------------------------------------
 * SALES                          5   CNY 88.50
 *   CARD                         3   CNY 61.00
 *   QR ... CASH
 * CARD BY BRAND:  VISA  2  CNY 43.00 ...
 * QR BY WALLET:   WeChat Pay ...
 * REFUNDS / VOIDS / NET
 * OFFLINE, ADVISED / DECLINED AFTER FORWARDING / CARRIED OVER
 * </pre>
 * A count and an amount share the value column ("3  CNY 61.00") so the slip fits 32 columns.
 */
final class ReportSlip {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReportSlip() {
    }

    static ReceiptDocument of(ShiftReport r, TerminalIdentity terminal, boolean chinese) {
        ReportWords w = chinese ? ReportWords.ZH : ReportWords.EN;
        String currency = terminal.currency();
        List<Line> lines = new ArrayList<>();
        lines.add(Text.title(terminal.merchantName()));
        lines.add(Text.center(w.of(r.kind() == ShiftReport.Kind.X ? "X" : "Z")));
        lines.add(new Rule());
        lines.add(new Pair(w.of("merchant"), terminal.merchantId()));
        lines.add(new Pair(w.of("terminal"), terminal.terminalId()));
        lines.add(new Pair(w.of("batch"), String.format("%06d", r.batch())));
        lines.add(new Pair(w.of("opened"), when(r.openedAt(), terminal)));
        r.closedAt().ifPresent(t -> lines.add(new Pair(w.of("closed"), when(t, terminal))));
        lines.add(new Pair(w.of("printed"), when(r.printedAt(), terminal)));
        lines.add(new Rule());
        lines.add(new Pair(w.of("sales"), tally(r.totals().sales(), currency, terminal), true));
        for (Method m : Method.values()) {
            lines.add(new Pair("  " + w.of(m.name()), tally(r.totals().byMethod().get(m), currency, terminal)));
        }
        section(lines, w.of("byBrand"), r.byBrand(), w, currency, terminal);
        section(lines, w.of("byWallet"), r.byWallet(), w, currency, terminal);
        lines.add(new Rule());
        lines.add(new Pair(w.of("refunds"), tally(r.totals().refunds(), currency, terminal)));
        lines.add(new Pair(w.of("voids"), tally(r.totals().voids(), currency, terminal)));
        long net = r.totals().sales().amount() - r.totals().refunds().amount();
        lines.add(new Pair(w.of("net"), money(net, currency, terminal), true));
        lines.add(new Rule());
        lines.add(new Pair(w.of("offline"), tally(r.totals().offlineAdvised(), currency, terminal)));
        lines.add(new Pair(w.of("declinedAfterForwarding"), tally(r.totals().declinedAfterForwarding(), currency,
                terminal)));
        lines.add(new Pair(w.of("carriedOver"), tally(r.totals().carriedOver(), currency, terminal)));
        lines.add(new Blank());
        lines.add(Text.center(w.of(r.kind() == ShiftReport.Kind.X ? "xFoot" : "zFoot")));
        return new ReceiptDocument(chinese ? ReceiptDocument.Script.CHINESE : ReceiptDocument.Script.LATIN, lines);
    }

    private static void section(List<Line> lines, String title, Map<String, Tally> split, ReportWords w,
                                String currency, TerminalIdentity terminal) {
        if (split.isEmpty()) {
            return;
        }
        lines.add(Text.left(title));
        split.forEach((name, t) -> lines.add(new Pair("  " + w.of(name), tally(t, currency, terminal))));
    }

    private static String tally(Tally t, String currency, TerminalIdentity terminal) {
        return t.count() + "  " + money(t.amount(), currency, terminal);
    }

    private static String money(long minor, String currency, TerminalIdentity terminal) {
        String sign = minor < 0 ? "-" : "";
        return sign + currency + " " + new Money(Math.abs(minor) == 0 ? 0 : Math.abs(minor), currency)
                .decimal(terminal.currencyDigits());
    }

    private static String when(Instant t, TerminalIdentity terminal) {
        return WHEN.format(t.atZone(terminal.zone()));
    }
}
