package dev.posterm.core.settlement;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The manifest's {@code host}: the 0510's field 39 (empty for a batch closed without the host, a
 * forced close), the terminal's field 63 as sent (empty if no 0500 was sent), and field 63 of the
 * 0510 when the host sent one.
 */
public record HostVerdict(Optional<String> responseCode, Optional<String> terminalTotals, Optional<String> hostTotals) {
    private static final Pattern TOTALS = Pattern.compile("\\d{32}");
    private static final Pattern CODE = Pattern.compile("[ -~]{2}");

    public HostVerdict {
        responseCode.ifPresent(c -> check(CODE.matcher(c).matches(), "a response code is 2 characters"));
        terminalTotals.ifPresent(t -> check(TOTALS.matcher(t).matches(), "field 63 is 32 digits"));
        hostTotals.ifPresent(t -> check(TOTALS.matcher(t).matches(), "field 63 is 32 digits"));
    }

    /** The host answered the 0500 with {@code code}. */
    public static HostVerdict answered(String code, String terminalTotals, Optional<String> hostTotals) {
        return new HostVerdict(Optional.of(code), Optional.of(terminalTotals), hostTotals);
    }

    /** Closed without the host's word (force). */
    public static HostVerdict forced(Optional<String> terminalTotalsSent) {
        return new HostVerdict(Optional.empty(), terminalTotalsSent, Optional.empty());
    }

    private static void check(boolean holds, String rule) {
        if (!holds) {
            throw new IllegalArgumentException("host verdict: " + rule);
        }
    }
}
