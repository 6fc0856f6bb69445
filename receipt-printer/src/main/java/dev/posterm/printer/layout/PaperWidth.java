package dev.posterm.printer.layout;

/**
 * The printable width of the paper in columns of the normal character cell (font A, 12 dots wide).
 * A CJK character takes two columns; a double-size character takes twice its columns.
 *
 * <p>Defaults: {@link #MM_80} 42 columns (80 mm roll, 512-dot head as on most Epson-compatible
 * printers); {@link #MM_58} 32 columns (58 mm roll, 384 dots). 80 mm printers with a 576-dot head
 * fit 48: configure the number, do not guess it.
 */
public record PaperWidth(int columns) {

    public static final int MIN_COLUMNS = 16;
    public static final int MAX_COLUMNS = 64;

    public static final PaperWidth MM_80 = new PaperWidth(42);
    public static final PaperWidth MM_58 = new PaperWidth(32);

    public PaperWidth {
        if (columns < MIN_COLUMNS || columns > MAX_COLUMNS) {
            throw new IllegalArgumentException(
                    "paper width must be " + MIN_COLUMNS + ".." + MAX_COLUMNS + " columns, was " + columns);
        }
    }

    public static PaperWidth ofColumns(int columns) {
        return new PaperWidth(columns);
    }
}
