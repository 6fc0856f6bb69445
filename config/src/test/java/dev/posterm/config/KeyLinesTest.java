package dev.posterm.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyLinesTest {

    @Test
    void findsKeysUnderTheirTablesSkippingStringsArraysAndComments() {
        KeyLines lines = KeyLines.scan("""
                # comment with key = 1
                top = 1
                [terminal]
                merchant_name = \"\"\"
                fake = 2
                \"\"\"
                "id" = "T=000001"   # a comment [x]
                list = [
                  "a = b",
                  [1, 2],
                ]
                [ host ]
                ca.file = "x"
                inline = { address = "h:1" }
                """);

        assertEquals(2, lines.lineOf("top"));
        assertEquals(3, lines.lineOf("terminal"));
        assertEquals(4, lines.lineOf("terminal.merchant_name"));
        assertEquals(3, lines.lineOf("terminal.fake"), "a line inside a multi-line string is not a key");
        assertEquals(7, lines.lineOf("terminal.id"));
        assertEquals(8, lines.lineOf("terminal.list"));
        assertEquals(12, lines.lineOf("host"));
        assertEquals(13, lines.lineOf("host.ca.file"));
        assertEquals(13, lines.lineOf("host.ca"));
        assertEquals(14, lines.lineOf("host.inline.address"), "inline table keys fall back to their parent");
        assertEquals(0, lines.lineOf("absent"));
    }
}
