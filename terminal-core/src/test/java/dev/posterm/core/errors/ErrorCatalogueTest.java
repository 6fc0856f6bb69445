package dev.posterm.core.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {
    @Test
    void everyCodeHasBothLanguagesAndIsDocumented() throws Exception {
        Path docs = Path.of("..", "docs", "errors.md");
        String page = Files.readString(docs, StandardCharsets.UTF_8);
        for (ErrorCode code : ErrorCode.values()) {
            assertFalse(code.english().isBlank(), code + " has no English message");
            assertTrue(code.chinese().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN), code + " has no Chinese message");
            assertTrue(page.contains("`" + code.name() + "`"), code + " is missing from docs/errors.md");
            assertTrue(page.contains(code.chinese()), code + "'s Chinese message in docs/errors.md is out of date");
        }
    }

    @Test
    void everyAlertHasBothLanguagesAndIsDocumented() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "errors.md"), StandardCharsets.UTF_8);
        for (Alerts.Kind kind : Alerts.Kind.values()) {
            assertTrue(kind.chinese().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN), kind + " has no Chinese message");
            assertTrue(page.contains("`" + kind.name() + "`"), kind + " is missing from docs/errors.md");
            assertTrue(page.contains(kind.english()), kind + "'s English message in docs/errors.md is out of date");
            assertTrue(page.contains(kind.chinese()), kind + "'s Chinese message in docs/errors.md is out of date");
        }
    }
}
