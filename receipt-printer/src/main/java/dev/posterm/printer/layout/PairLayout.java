package dev.posterm.printer.layout;

import dev.posterm.printer.escpos.TextEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * A label on the left and a value flush right, padded with spaces to the width:
 *
 * <pre>
 *   |AMOUNT                          CNY 12.50|     fits: one line, at least one space between
 *   |A LABEL TOO LONG TO SHARE ITS LINE WITH  |     does not fit: the label (wrapped) first,
 *   |                      THIS LONG VALUE    |     then the value (wrapped) flush right below
 * </pre>
 */
final class PairLayout {

    private PairLayout() {
    }

    static List<String> lines(String label, String value, int width, TextEncoding encoding) {
        int labelColumns = encoding.columns(label);
        int valueColumns = encoding.columns(value);
        List<String> lines = new ArrayList<>();
        if (labelColumns + 1 + valueColumns <= width) {
            lines.add(label + " ".repeat(width - labelColumns - valueColumns) + value);
            return lines;
        }
        lines.addAll(LineWrapper.wrap(label, width, encoding));
        for (String part : LineWrapper.wrap(value, width, encoding)) {
            lines.add(" ".repeat(Math.max(0, width - encoding.columns(part))) + part);
        }
        return lines;
    }
}
