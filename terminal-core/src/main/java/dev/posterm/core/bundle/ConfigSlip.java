package dev.posterm.core.bundle;

import dev.posterm.printer.layout.ReceiptDocument;
import dev.posterm.printer.layout.ReceiptDocument.Blank;
import dev.posterm.printer.layout.ReceiptDocument.Pair;
import dev.posterm.printer.layout.ReceiptDocument.Rule;
import dev.posterm.printer.layout.ReceiptDocument.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The slip a technician takes away after plugging in a stick (or the office pushed a bundle): the
 * outcome, the version, and for a refusal or a rollback its code and reason. In the terminal's
 * language (en, zh-CN); the reason is the technician's English detail in both.
 */
public final class ConfigSlip {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the slip reports. {@code code} is empty for an applied bundle. */
    public record Outcome(String title, long version, String code, String reason) {
    }

    private ConfigSlip() {
    }

    public static ReceiptDocument of(Outcome o, String terminalId, Instant at, ZoneId zone, boolean chinese) {
        List<ReceiptDocument.Line> lines = new ArrayList<>();
        lines.add(Text.title(chinese ? "配置更新" : "CONFIGURATION"));
        lines.add(new Rule());
        lines.add(new Pair(chinese ? "终端" : "Terminal", terminalId));
        lines.add(new Pair(chinese ? "时间" : "Date", WHEN.format(at.atZone(zone))));
        lines.add(new Pair(chinese ? "版本" : "Version", String.valueOf(o.version())));
        lines.add(new Blank());
        lines.add(new Text(words(o.title(), chinese), ReceiptDocument.Align.CENTER, true, true));
        if (!o.code().isEmpty()) {
            lines.add(Text.center(o.code()));
        }
        o.reason().lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(Text.left(l.strip())));
        lines.add(new Blank());
        return new ReceiptDocument(chinese ? ReceiptDocument.Script.CHINESE : ReceiptDocument.Script.LATIN, lines);
    }

    private static String words(String title, boolean chinese) {
        if (!chinese) {
            return title;
        }
        return switch (title) {
            case "APPLIED" -> "已启用";
            case "REFUSED" -> "已拒绝，未做更改";
            case "ROLLED BACK" -> "已自动恢复原配置";
            default -> title;
        };
    }
}
