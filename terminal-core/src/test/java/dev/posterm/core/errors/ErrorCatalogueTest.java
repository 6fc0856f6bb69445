package dev.posterm.core.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /** The response codes shared/specs/host-link.md lists, as it lists them. */
    private static final List<String> HOST_LINK_CODES = List.of("00", "05", "12", "13", "14", "30", "41", "43", "51",
            "54", "55", "58", "61", "65", "91", "94", "95", "96");

    @Test
    void everyHostResponseCodeHasItsOwnMessageInBothLanguagesAndIsDocumented() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "errors.md"), StandardCharsets.UTF_8);
        assertEquals(HOST_LINK_CODES, Arrays.stream(HostResponse.values()).map(HostResponse::code).toList());
        Set<String> said = new HashSet<>();
        for (HostResponse r : HostResponse.values()) {
            CashierMessage m = r.message();
            assertTrue(m.chinese().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN), r + " has no Chinese message");
            assertTrue(said.add(m.english()) && said.add(m.chinese()), r + " shares its words with another code");
            assertTrue(page.contains("| `" + r.code() + "` | `" + r.name() + "` | " + m.english() + " | " + m.chinese()
                    + " |"), r + " is missing from docs/errors.md or out of date there");
            assertEquals(m.english().toLowerCase(java.util.Locale.ROOT).contains("call support"),
                    m.chinese().contains("联系技术支持"), r + ": both languages or neither say to call support");
        }
        assertEquals(HostResponse.DO_NOT_HONOUR, HostResponse.LOST_CARD.toCustomer());
        assertEquals(HostResponse.DO_NOT_HONOUR, HostResponse.STOLEN_CARD.toCustomer());
    }

    @Test
    void theSupportContactIsAddedToWhatSaysCallSupportOnly() {
        Optional<String> contact = Optional.of("400-800-1234");
        CashierMessage full = CashierMessage.of(ErrorCode.STORAGE_FULL).withSupport(contact);
        assertTrue(full.english().endsWith("Call support. Support: 400-800-1234."), full.english());
        assertTrue(full.chinese().endsWith("技术支持：400-800-1234。"), full.chinese());
        assertEquals(HostResponse.INSUFFICIENT_FUNDS.message(), HostResponse.INSUFFICIENT_FUNDS.message().withSupport(contact));
        assertEquals(CashierMessage.of(ErrorCode.STORAGE_FULL), CashierMessage.of(ErrorCode.STORAGE_FULL)
                .withSupport(Optional.empty()));
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
