package dev.posterm.printer.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.printer.escpos.TextEncoding;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWrapperTest {

    @Test
    void breaksAtTheLastSpaceThatFits() {
        assertEquals(List.of("THANK YOU FOR", "SHOPPING WITH", "US"),
                LineWrapper.wrap("THANK YOU FOR SHOPPING WITH US", 14, TextEncoding.ASCII));
    }

    @Test
    void aLineThatFitsExactlyIsNotBroken() {
        assertEquals(List.of("0123456789"), LineWrapper.wrap("0123456789", 10, TextEncoding.ASCII));
        assertEquals(List.of("01234 6789", "AB"), LineWrapper.wrap("01234 6789 AB", 10, TextEncoding.ASCII));
    }

    @Test
    void aWordLongerThanTheLineIsCutAtTheWidth() {
        assertEquals(List.of("ABCDE", "FGHIJ", "KL"), LineWrapper.wrap("ABCDEFGHIJKL", 5, TextEncoding.ASCII));
    }

    @Test
    void chineseCountsTwoColumnsPerCharacterAndIsNeverSplit() {
        // width 5: two characters (4 columns) fit, a third would need 6
        assertEquals(List.of("金额", "金额", "金额"), LineWrapper.wrap("金额金额金额", 5, TextEncoding.GB18030));
        assertEquals(List.of("A金", "额"), LineWrapper.wrap("A金额", 4, TextEncoding.GB18030));
    }

    @Test
    void theSameChineseTextIsOneColumnPerCharacterInAsciiMode() {
        // printed as '?', one column each
        assertEquals(List.of("金额金额金"), LineWrapper.wrap("金额金额金", 5, TextEncoding.ASCII));
    }

    @Test
    void newlineForcesABreakAndEmptyTextIsOneEmptyLine() {
        assertEquals(List.of("A", "", "B"), LineWrapper.wrap("A\n\nB", 10, TextEncoding.ASCII));
        assertEquals(List.of(""), LineWrapper.wrap("", 10, TextEncoding.ASCII));
    }
}
