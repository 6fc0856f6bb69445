package dev.posterm.printer.escpos;

import static dev.posterm.printer.Hex.format;
import static dev.posterm.printer.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextEncodingTest {

    private static void assertEncodes(String expectedHex, TextEncoding encoding, String text) {
        assertEquals(format(hex(expectedHex)), format(encoding.encode(text)));
    }

    @Test
    void chineseIsGb18030() {
        // GB18030 (= GBK here): 金 BD F0, 额 B6 EE; ASCII stays single bytes
        assertEncodes("BD F0 B6 EE", TextEncoding.GB18030, "金额");
        assertEncodes("BD F0 B6 EE 20 43 4E 59 20 31 32 2E 35 30", TextEncoding.GB18030, "金额 CNY 12.50");
    }

    @Test
    void asciiPassesPrintableAsciiAndReplacesTheRest() {
        assertEncodes("2A 2A 2A 2A 20 31 32 33 34", TextEncoding.ASCII, "**** 1234");
        // é is not ASCII -> '?'; a CJK character -> one '?'; a surrogate pair (emoji) -> one '?'
        assertEncodes("43 61 66 3F", TextEncoding.ASCII, "Café");
        assertEncodes("3F 3F", TextEncoding.ASCII, "金额");
        assertEncodes("41 3F 42", TextEncoding.ASCII, "A\uD83D\uDE00B");
    }

    @Test
    void controlCharactersNeverReachThePrinterAsCommands() {
        // an ESC @ or a DLE EOT inside text would be executed by the printer
        assertEncodes("3F 40 41", TextEncoding.ASCII, "\u001B@A");
        assertEncodes("3F 3F 3F", TextEncoding.GB18030, "\u0010\u0004\u007F");
    }

    @Test
    void columnsCountNonAsciiAsTwoInChineseModeOnly() {
        assertEquals(4, TextEncoding.GB18030.columns("金额"));
        assertEquals(10, TextEncoding.GB18030.columns("金额 12.50")); // 4 + space + 5
        assertEquals(2, TextEncoding.GB18030.columns("é")); // GB18030 A8 A6: drawn from the Kanji font
        assertEquals(2, TextEncoding.ASCII.columns("金额")); // printed as "??"
        assertEquals(5, TextEncoding.ASCII.columns("12.50"));
    }
}
