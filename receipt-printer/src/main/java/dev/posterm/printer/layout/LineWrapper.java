package dev.posterm.printer.layout;

import dev.posterm.printer.escpos.TextEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks text into lines of at most a given number of columns, counting columns as the printer
 * will ({@link TextEncoding#columns(int)}: CJK two, ASCII one).
 *
 * <p>Breaks at the last space that fits; a word longer than the line, and text without spaces
 * (Chinese), breaks at the column limit, never inside a character. A {@code '\n'} forces a break.
 * Spaces at a break are dropped; leading spaces of a paragraph are kept (indentation).
 */
final class LineWrapper {

    private LineWrapper() {
    }

    static List<String> wrap(String text, int width, TextEncoding encoding) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, was " + width);
        }
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            wrapParagraph(paragraph.codePoints().toArray(), width, encoding, lines);
        }
        return lines;
    }

    private static void wrapParagraph(int[] cps, int width, TextEncoding encoding, List<String> lines) {
        if (cps.length == 0) {
            lines.add("");
            return;
        }
        int start = 0;
        while (start < cps.length) {
            int i = start;
            int columns = 0;
            int lastSpace = -1;
            while (i < cps.length && columns + encoding.columns(cps[i]) <= width) {
                if (cps[i] == ' ') {
                    lastSpace = i;
                }
                columns += encoding.columns(cps[i]);
                i++;
            }
            if (i == start) {
                i++; // a character wider than the whole line: print it alone rather than loop forever
            }
            int end = i == cps.length || cps[i] == ' ' || lastSpace <= start ? i : lastSpace;
            lines.add(new String(cps, start, end - start).stripTrailing());
            start = end;
            while (start < cps.length && cps[start] == ' ') {
                start++;
            }
        }
    }
}
