package dev.posterm.printer.layout;

import dev.posterm.printer.escpos.CommandBuffer;
import dev.posterm.printer.escpos.Justification;
import dev.posterm.printer.escpos.TextEncoding;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link ReceiptDocument} into the ESC/POS bytes of one slip for a paper width.
 *
 * <pre>
 *   ESC @                      initialise
 *   FS &amp;  (CHINESE) | FS .  (LATIN)     Kanji mode on / off; text follows as GB18030 / ASCII
 *   per line:  [ESC a n] [ESC E 1] [GS ! 11]  text...  LF ...  [GS ! 00] [ESC E 0] [ESC a 0]
 *   ESC d 3                    feed the last lines past the tear bar
 *   GS V 66 0                  feed to the cutter and cut
 * </pre>
 *
 * Each line sets the modes it needs and resets them after, so lines do not leak style into each other.
 * Text is wrapped here (not by the printer) so that a {@code Pair} can be right-aligned by padding and
 * a wrapped line never splits a CJK character. Pure: no I/O, same document gives the same bytes.
 */
public final class ReceiptRenderer {

    /** Lines fed before the cut, so the last printed line clears the cutter. */
    static final int FEED_LINES_BEFORE_CUT = 3;

    private final PaperWidth paperWidth;

    public ReceiptRenderer(PaperWidth paperWidth) {
        this.paperWidth = Objects.requireNonNull(paperWidth, "paperWidth");
    }

    public PaperWidth paperWidth() {
        return paperWidth;
    }

    public byte[] render(ReceiptDocument document) {
        boolean chinese = document.script() == ReceiptDocument.Script.CHINESE;
        TextEncoding encoding = chinese ? TextEncoding.GB18030 : TextEncoding.ASCII;
        CommandBuffer out = new CommandBuffer().initialize();
        if (chinese) {
            out.chineseModeOn();
        } else {
            out.chineseModeOff();
        }
        for (ReceiptDocument.Line line : document.lines()) {
            switch (line) {
                case ReceiptDocument.Text text -> text(out, text, encoding);
                case ReceiptDocument.Pair pair -> pair(out, pair, encoding);
                case ReceiptDocument.Rule rule -> out.text("-".repeat(paperWidth.columns()), encoding).lineFeed();
                case ReceiptDocument.Blank blank -> out.lineFeed();
            }
        }
        return out.feedLines(FEED_LINES_BEFORE_CUT).cutAfterFeed(0).toByteArray();
    }

    private void text(CommandBuffer out, ReceiptDocument.Text text, TextEncoding encoding) {
        Justification justification = switch (text.align()) {
            case LEFT -> Justification.LEFT;
            case CENTER -> Justification.CENTER;
            case RIGHT -> Justification.RIGHT;
        };
        if (justification != Justification.LEFT) {
            out.justification(justification);
        }
        if (text.emphasis()) {
            out.emphasized(true);
        }
        if (text.large()) {
            out.characterSize(2, 2);
        }
        // Double width: each character takes two of the paper's columns.
        int width = text.large() ? paperWidth.columns() / 2 : paperWidth.columns();
        printLines(out, LineWrapper.wrap(text.text(), width, encoding), encoding);
        if (text.large()) {
            out.characterSize(1, 1);
        }
        if (text.emphasis()) {
            out.emphasized(false);
        }
        if (justification != Justification.LEFT) {
            out.justification(Justification.LEFT);
        }
    }

    private void pair(CommandBuffer out, ReceiptDocument.Pair pair, TextEncoding encoding) {
        if (pair.emphasis()) {
            out.emphasized(true);
        }
        printLines(out, PairLayout.lines(pair.label(), pair.value(), paperWidth.columns(), encoding), encoding);
        if (pair.emphasis()) {
            out.emphasized(false);
        }
    }

    private static void printLines(CommandBuffer out, List<String> lines, TextEncoding encoding) {
        for (String line : lines) {
            out.text(line, encoding).lineFeed();
        }
    }
}
