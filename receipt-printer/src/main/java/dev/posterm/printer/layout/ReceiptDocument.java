package dev.posterm.printer.layout;

import java.util.List;
import java.util.Objects;

/**
 * One slip as a list of lines, independent of ESC/POS: what the terminal wants printed, not how.
 * The printer module turns it into bytes ({@code escpos}) for a paper width; it never learns what
 * a payment is. Every document prints as one slip ending with a feed and a partial cut (GS V 66 0), the
 * usual cut of counter printers: the slip stays attached until torn, so it does not fall on the floor.
 *
 * @param script  which character set the slip is printed in
 * @param lines   top to bottom
 */
public record ReceiptDocument(Script script, List<Line> lines) {
    public ReceiptDocument {
        Objects.requireNonNull(script, "script");
        lines = List.copyOf(lines);
    }

    /**
     * The character mode: {@code CHINESE} is sent as GB18030 after {@code FS &} (Chinese mode on),
     * {@code LATIN} as ASCII after {@code FS .} (Chinese mode off), per {@code shared/specs/README.md}.
     */
    public enum Script { LATIN, CHINESE }

    public enum Align { LEFT, CENTER, RIGHT }

    /** A line of a slip. */
    public sealed interface Line permits Text, Pair, Rule, Blank {
    }

    /** Text, wrapped to the paper width if long. {@code emphasis}: bold; {@code large}: double height and width. */
    public record Text(String text, Align align, boolean emphasis, boolean large) implements Line {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
        }

        public static Text left(String text) {
            return new Text(text, Align.LEFT, false, false);
        }

        public static Text center(String text) {
            return new Text(text, Align.CENTER, false, false);
        }

        public static Text title(String text) {
            return new Text(text, Align.CENTER, true, true);
        }
    }

    /** A label on the left and a value on the right of the same line ("AMOUNT        CNY 12.50"). */
    public record Pair(String label, String value, boolean emphasis) implements Line {
        public Pair {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }

        public Pair(String label, String value) {
            this(label, value, false);
        }
    }

    /** A full-width separator of dashes. */
    public record Rule() implements Line {
    }

    /** An empty line. */
    public record Blank() implements Line {
    }
}
