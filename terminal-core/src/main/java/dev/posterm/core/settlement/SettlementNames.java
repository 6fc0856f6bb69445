package dev.posterm.core.settlement;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code settlement-<terminalId>-<batch>.csv} and {@code .json}, the batch as 6 digits. A terminal
 * id is field 41 (ans8); in a file name we accept letters, digits, {@code _} and {@code -} only, so
 * that no id can name a file elsewhere.
 */
public final class SettlementNames {
    private static final Pattern TERMINAL = Pattern.compile("[A-Za-z0-9_-]{1,8}");
    private static final Pattern NAME = Pattern.compile("settlement-([A-Za-z0-9_-]{1,8})-(\\d{6})\\.(csv|json)");

    /** A settlement file name taken apart. */
    public record Parts(String terminalId, int batch, String extension) {
    }

    private SettlementNames() {
    }

    public static String csv(String terminalId, int batch) {
        return "settlement-" + terminalId + "-" + String.format("%06d", batch) + ".csv";
    }

    public static String manifest(String terminalId, int batch) {
        return "settlement-" + terminalId + "-" + String.format("%06d", batch) + ".json";
    }

    public static Optional<Parts> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.of(new Parts(m.group(1), Integer.parseInt(m.group(2)), m.group(3)))
                : Optional.empty();
    }

    static void checkTerminalId(String terminalId) {
        if (terminalId == null || !TERMINAL.matcher(terminalId).matches()) {
            throw new IllegalArgumentException("a terminal id in a settlement file name is 1 to 8 letters, digits, _ or -");
        }
    }

    static void checkBatch(int batch) {
        if (batch < 1 || batch > 999_999) {
            throw new IllegalArgumentException("a batch number is 1 to 999999 (6 digits): " + batch);
        }
    }
}
