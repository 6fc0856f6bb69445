package dev.posterm.printer.layout;

import static dev.posterm.printer.Hex.ascii;
import static dev.posterm.printer.Hex.concat;
import static dev.posterm.printer.Hex.format;
import static dev.posterm.printer.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.printer.layout.ReceiptDocument.Align;
import dev.posterm.printer.layout.ReceiptDocument.Blank;
import dev.posterm.printer.layout.ReceiptDocument.Pair;
import dev.posterm.printer.layout.ReceiptDocument.Rule;
import dev.posterm.printer.layout.ReceiptDocument.Script;
import dev.posterm.printer.layout.ReceiptDocument.Text;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected slips are written out by hand from the Epson command reference, not made by our encoder. */
class ReceiptRendererTest {

    private static final byte[] LATIN_START = hex("1B 40  1C 2E"); // ESC @, FS .
    private static final byte[] CHINESE_START = hex("1B 40  1C 26"); // ESC @, FS &
    private static final byte[] END = hex("1B 64 03  1D 56 42 00"); // ESC d 3, GS V 66 0
    private static final byte[] LF = hex("0A");

    private static byte[] render(int columns, Script script, ReceiptDocument.Line... lines) {
        return new ReceiptRenderer(PaperWidth.ofColumns(columns)).render(new ReceiptDocument(script, List.of(lines)));
    }

    private static void assertSlip(byte[] expected, byte[] actual) {
        assertEquals(format(expected), format(actual));
    }

    private static byte[] spaces(int n) {
        return ascii(" ".repeat(n));
    }

    /** The printed lines of a LATIN slip made of plain lines only (no style commands between). */
    private static List<String> plainLines(byte[] slip) {
        assertEquals(format(LATIN_START), format(Arrays.copyOfRange(slip, 0, 4)));
        assertEquals(format(END), format(Arrays.copyOfRange(slip, slip.length - END.length, slip.length)));
        String body = new String(slip, 4, slip.length - 4 - END.length, StandardCharsets.US_ASCII);
        assertTrue(body.endsWith("\n"), "every line ends with LF");
        return List.of(body.substring(0, body.length() - 1).split("\n", -1));
    }

    @Test
    void englishSlipWholeAtSixteenColumns() {
        byte[] expected = concat(
                LATIN_START,
                hex("1B 61 01"), ascii("SHOP"), LF, hex("1B 61 00"), // centred text
                ascii("TOTAL"), spaces(6), ascii("12.50"), LF, // 5 + 6 + 5 = 16
                ascii("----------------"), LF, // rule: 16 dashes
                LF, // blank
                ascii("CARD **** 1234"), LF,
                END);
        assertSlip(expected, render(16, Script.LATIN,
                Text.center("SHOP"), new Pair("TOTAL", "12.50"), new Rule(), new Blank(), Text.left("CARD **** 1234")));
    }

    @Test
    void chineseSlipStartsWithFsAmpersandAndCarriesGb18030() {
        // 金额 = BD F0 B6 EE, 4 columns; 42 - 4 - 5 = 33 spaces; 商户 = C9 CC BB A7
        byte[] expected = concat(
                CHINESE_START,
                hex("1B 61 01  C9 CC BB A7  0A  1B 61 00"),
                hex("BD F0 B6 EE"), spaces(33), ascii("12.50"), LF,
                END);
        assertSlip(expected, render(42, Script.CHINESE, Text.center("商户"), new Pair("金额", "12.50")));
    }

    @Test
    void englishSlipIsAsciiAfterFsDotEvenForNonAsciiText() {
        assertSlip(concat(LATIN_START, ascii("Caf? ??"), LF, END),
                render(42, Script.LATIN, Text.left("Café 金额")));
    }

    @Test
    void pairIsRightAlignedToTheConfiguredWidth() {
        List<String> at42 = plainLines(render(42, Script.LATIN, new Pair("AMOUNT", "CNY 12.50")));
        assertEquals(List.of("AMOUNT                           CNY 12.50"), at42);
        List<String> at32 = plainLines(render(32, Script.LATIN, new Pair("AMOUNT", "CNY 12.50")));
        assertEquals(List.of("AMOUNT                 CNY 12.50"), at32);
        assertEquals(32, at32.get(0).length());
    }

    @Test
    void pairWithChineseLabelCountsItTwoColumnsPerCharacter() {
        // 32 - 4 (金额) - 9 (CNY 12.50) = 19 spaces
        assertSlip(concat(CHINESE_START, hex("BD F0 B6 EE"), spaces(19), ascii("CNY 12.50"), LF, END),
                render(32, Script.CHINESE, new Pair("金额", "CNY 12.50")));
    }

    @Test
    void pairThatDoesNotFitPutsTheValueOnTheNextLineFlushRight() {
        assertEquals(List.of("MERCHANT   SUPERMARKT"), // 8 + 1 + 10 would fit at 19; at 21 padded
                plainLines(render(21, Script.LATIN, new Pair("MERCHANT", "SUPERMARKT"))));
        assertEquals(List.of("MERCHANT NAME", "      SUPERMARKT", "     MUSTERSTADT"),
                plainLines(render(16, Script.LATIN, new Pair("MERCHANT NAME", "SUPERMARKT MUSTERSTADT"))));
        // exactly one space between label and value still fits on one line: 5 + 1 + 10 = 16
        assertEquals(List.of("LABEL 0123456789"), plainLines(render(16, Script.LATIN, new Pair("LABEL", "0123456789"))));
        assertEquals(List.of("LABEL", "     01234567890"), plainLines(render(16, Script.LATIN, new Pair("LABEL", "01234567890"))));
    }

    @Test
    void longTextWrapsOnTheWidth() {
        assertEquals(List.of("PLEASE KEEP THIS", "RECEIPT FOR YOUR", "RECORDS"),
                plainLines(render(16, Script.LATIN, Text.left("PLEASE KEEP THIS RECEIPT FOR YOUR RECORDS"))));
    }

    @Test
    void largeTextIsDoubleSizeAndWrapsAtHalfTheColumns() {
        // ESC a 1, ESC E 1, GS ! 11 ... GS ! 00, ESC E 0, ESC a 0; 16 columns hold 8 double-width
        byte[] expected = concat(
                LATIN_START,
                hex("1B 61 01  1B 45 01  1D 21 11"),
                ascii("TOTAL"), LF, ascii("12.50"), LF, ascii("CNY"), LF, ascii("TODAY"), LF,
                hex("1D 21 00  1B 45 00  1B 61 00"),
                END);
        assertSlip(expected, render(16, Script.LATIN, Text.title("TOTAL 12.50 CNY TODAY")));
    }

    @Test
    void largeChineseTakesFourColumnsPerCharacter() {
        // 16 columns, double width: 8 cells, a CJK character takes 2 cells -> 4 per line
        byte[] fourChars = hex("BD F0 B6 EE BD F0 B6 EE");
        byte[] expected = concat(
                CHINESE_START,
                hex("1D 21 11"), fourChars, LF, hex("BD F0"), LF, hex("1D 21 00"),
                END);
        assertSlip(expected, render(16, Script.CHINESE, new Text("金额金额金", Align.LEFT, false, true)));
    }

    @Test
    void emphasisedRightAlignedTextAndEmphasisedPair() {
        byte[] expected = concat(
                LATIN_START,
                hex("1B 61 02  1B 45 01"), ascii("APPROVED"), LF, hex("1B 45 00  1B 61 00"),
                hex("1B 45 01"), ascii("TOTAL"), spaces(6), ascii("12.50"), LF, hex("1B 45 00"),
                END);
        assertSlip(expected, render(16, Script.LATIN,
                new Text("APPROVED", Align.RIGHT, true, false), new Pair("TOTAL", "12.50", true)));
    }

    @Test
    void chineseTextWrapsAtHalfAsManyCharacters() {
        // 42 columns hold 21 CJK characters; the 22nd goes to the next line
        String text = "金".repeat(22);
        byte[] jin = hex("BD F0");
        byte[] line21 = concat(java.util.Collections.nCopies(21, jin).toArray(byte[][]::new));
        assertSlip(concat(CHINESE_START, line21, LF, jin, LF, END), render(42, Script.CHINESE, Text.left(text)));
    }

    @Test
    void paperWidthDefaultsAndLimits() {
        assertEquals(42, PaperWidth.MM_80.columns());
        assertEquals(32, PaperWidth.MM_58.columns());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PaperWidth.ofColumns(8));
    }
}
