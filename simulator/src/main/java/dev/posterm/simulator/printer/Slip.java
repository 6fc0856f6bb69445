package dev.posterm.simulator.printer;

import java.util.List;

/**
 * What came out between two cuts. Blank lines fed just before the cut are left out: they are
 * paper moved up to the cutter, not content.
 */
public record Slip(List<PrintedLine> printedLines) {
    public Slip {
        printedLines = List.copyOf(printedLines);
    }

    /** The lines' texts, top to bottom. */
    public List<String> lines() {
        return printedLines.stream().map(PrintedLine::text).toList();
    }

    /** The whole slip as text, one line per line. */
    public String text() {
        return String.join("\n", lines());
    }

    /** True when some line contains {@code fragment}. */
    public boolean contains(String fragment) {
        return lines().stream().anyMatch(line -> line.contains(fragment));
    }

    @Override
    public String toString() {
        return text();
    }
}
