package dev.posterm.core.status;

import dev.posterm.core.alerts.Alerts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each alert kind's own buzzer pattern, played once when it is raised, so staff can tell by ear
 * which alert came without looking at a screen. A pattern is a word of short (S) and long (L)
 * beeps; every pattern has two beeps or more, so none sounds like a sale's single beep (120 ms
 * approved, 700 ms declined). docs/field-guide.md lists them.
 * <pre>
 *   S = 150 ms on, L = 500 ms on, 150 ms off between beeps
 * </pre>
 */
public final class AlertTones {
    static final Duration SHORT = Duration.ofMillis(150);
    static final Duration LONG = Duration.ofMillis(500);
    static final Duration GAP = Duration.ofMillis(150);
    /** For a code this release does not know (an alert journaled by another release). */
    static final String UNKNOWN = "LLLL";

    private AlertTones() {
    }

    /** The pattern's word, e.g. "SSL". */
    public static String word(String code) {
        return switch (code) {
            case "PRINTER_NOT_READY" -> "SS";
            case "READER_UNAVAILABLE" -> "SL";
            case "MODEM_NOT_ANSWERING" -> "LS";
            case "ADVICE_DECLINED" -> "LL";
            case "SAF_EXPIRING" -> "SSS";
            case "HOST_LINK_FAULT" -> "SSL";
            case "ADVICE_UNREADABLE" -> "SLS";
            case "ADVICE_LOST" -> "SLL";
            case "REVERSAL_STUCK" -> "LSS";
            case "STORAGE_FULL" -> "LSL";
            case "JOURNAL_UNAVAILABLE" -> "LLS";
            case "BATCH_TOTALS_DIFFER" -> "LLL";
            case "SECOND_SUCCESS_UNDONE" -> "SSSS";
            case "LINK_DOWN_LONG" -> "SSSL";
            case "QR_REVERSE_STUCK" -> "SSLS";
            case "SAF_NEAR_COUNT" -> "SSLL";
            case "SAF_NEAR_TOTAL" -> "SLSS";
            case "TERMINAL_TAMPERED" -> "SLSL";
            case "SETTLEMENT_FILES_REMOVED_UNFETCHED" -> "SLLS";
            case "CONFIG_ROLLED_BACK" -> "SLLL";
            case "CONFIG_BUNDLE_REFUSED" -> "LSSS";
            default -> UNKNOWN;
        };
    }

    public static String word(Alerts.Kind kind) {
        return word(kind.name());
    }

    /** The beeps' lengths in order; {@link #GAP} of silence between two. */
    public static List<Duration> beeps(String code) {
        List<Duration> out = new ArrayList<>();
        for (char c : word(code).toCharArray()) {
            out.add(c == 'L' ? LONG : SHORT);
        }
        return List.copyOf(out);
    }
}
