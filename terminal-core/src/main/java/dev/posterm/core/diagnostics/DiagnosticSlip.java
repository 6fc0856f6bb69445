package dev.posterm.core.diagnostics;

import dev.posterm.core.alerts.Alert;
import dev.posterm.core.status.TerminalStatus;
import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.layout.ReceiptDocument.Line;
import dev.posterm.printer.layout.ReceiptDocument.Pair;
import dev.posterm.printer.layout.ReceiptDocument.Rule;
import dev.posterm.printer.layout.ReceiptDocument.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The slip a long press of the service button prints, for a technician at the counter: versions,
 * the host link, the modem's signal, the store-and-forward queue, the open alerts and the
 * terminal's IP addresses, in the terminal's language. Built from the status only: no payment, no
 * card data, no secret.
 *
 * <pre>
 *        DIAGNOSTICS
 *  TERMINAL              T0000001
 *  POSTERM                  0.1.0
 *  JAVA          25.0.1 (Eclipse…)
 *  OS        Debian GNU/Linux 12…
 *  ------------------------------
 *  LINK           ONLINE (NONE)
 *  SIGNAL              -71 dBm
 *  OFFLINE QUEUE   2, 3500 (minor)
 *  ALERTS                       1
 *    PRINTER_NOT_READY
 *  ------------------------------
 *  eth0              192.168.1.20
 *  PRINTED    2026-12-03 20:15:00
 * </pre>
 */
public final class DiagnosticSlip {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DiagnosticSlip() {
    }

    public static ReceiptDocument of(TerminalStatus s, Map<String, String> versions, List<String> addresses,
                                     boolean chinese, Instant now, ZoneId zone) {
        Words w = chinese ? Words.ZH : Words.EN;
        List<Line> lines = new ArrayList<>();
        lines.add(Text.title(w.title));
        lines.add(new Pair(w.terminal, s.terminalId()));
        versions.forEach((name, version) -> lines.add(new Pair(name.toUpperCase(java.util.Locale.ROOT), version)));
        lines.add(new Rule());
        lines.add(new Pair(w.link, s.link().state() + " (" + s.link().cause() + ")"));
        lines.add(new Pair(w.signal, s.link().modem().map(m -> m.signalDbm().map(d -> d + " dBm").orElse(w.unknown)
                + " " + m.registration()).orElse(w.noModem)));
        lines.add(new Pair(w.queue, s.storeAndForward().count() + ", " + s.storeAndForward().amount() + " " + w.minor));
        lines.add(new Pair(w.reversals, String.valueOf(s.pendingReversals())));
        lines.add(new Pair(w.alerts, String.valueOf(s.alerts().size())));
        for (Alert a : s.alerts()) {
            lines.add(Text.left("  " + a.code()));
        }
        lines.add(new Rule());
        if (addresses.isEmpty()) {
            lines.add(new Pair(w.address, w.none));
        }
        for (String address : addresses) {
            lines.add(Text.left(address));
        }
        lines.add(new Pair(w.printed, WHEN.format(now.atZone(zone))));
        return new ReceiptDocument(chinese ? ReceiptDocument.Script.CHINESE : ReceiptDocument.Script.LATIN, lines);
    }

    private enum Words {
        EN("DIAGNOSTICS", "TERMINAL", "LINK", "SIGNAL", "unknown", "no modem", "OFFLINE QUEUE", "(minor units)",
                "REVERSALS OWED", "ALERTS", "IP ADDRESS", "none", "PRINTED"),
        ZH("诊断信息", "终端号", "银行连接", "信号", "未知", "无无线模块", "离线待上送", "（最小货币单位）",
                "待冲正", "告警", "IP 地址", "无", "打印时间");

        final String title;
        final String terminal;
        final String link;
        final String signal;
        final String unknown;
        final String noModem;
        final String queue;
        final String minor;
        final String reversals;
        final String alerts;
        final String address;
        final String none;
        final String printed;

        Words(String title, String terminal, String link, String signal, String unknown, String noModem, String queue,
              String minor, String reversals, String alerts, String address, String none, String printed) {
            this.title = title;
            this.terminal = terminal;
            this.link = link;
            this.signal = signal;
            this.unknown = unknown;
            this.noModem = noModem;
            this.queue = queue;
            this.minor = minor;
            this.reversals = reversals;
            this.alerts = alerts;
            this.address = address;
            this.none = none;
            this.printed = printed;
        }
    }
}
