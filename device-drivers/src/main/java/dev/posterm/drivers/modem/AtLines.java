package dev.posterm.drivers.modem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the bytes of an AT port into lines (3GPP 27.007 / V.250): a modem frames every line
 * with CR LF, echoes a command ending in CR, and we treat either byte as an end of line, so
 * empty lines carry nothing and are dropped.
 *
 * <pre>
 *   "\r\n+CSQ: 21,99\r\n\r\nOK\r\n"  ->  ["+CSQ: 21,99", "OK"]
 *   "AT+CSQ\r"                       ->  ["AT+CSQ"]          (echo)
 * </pre>
 *
 * A pure state machine fed bytes; a line longer than {@value #MAX_LINE} bytes is noise (a baud
 * mismatch, binary data): it is discarded up to the next line end and counted.
 */
final class AtLines {

    static final int MAX_LINE = 512;

    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overflowing;
    private long discarded;

    /** Feeds {@code count} bytes; returns the lines they complete (often none). */
    List<String> accept(byte[] bytes, int offset, int count) {
        List<String> complete = new ArrayList<>(2);
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                endLine(complete);
            } else if (length == MAX_LINE) {
                overflowing = true;
            } else {
                line[length++] = b;
            }
        }
        return complete;
    }

    /** Lines thrown away for being too long. */
    long discarded() {
        return discarded;
    }

    private void endLine(List<String> complete) {
        if (overflowing) {
            discarded++;
        } else if (length > 0) {
            // Modems answer in ASCII; anything else becomes replacement characters, never an exception.
            complete.add(new String(line, 0, length, StandardCharsets.US_ASCII).strip());
        }
        length = 0;
        overflowing = false;
    }
}
