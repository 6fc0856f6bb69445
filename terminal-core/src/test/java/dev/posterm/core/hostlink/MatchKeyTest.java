package dev.posterm.core.hostlink;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MatchKeyTest {

    @Test
    void eachResponseMatchesItsRequestClassIncludingRepeats() {
        String[][] pairs = {{"0200", "0210"}, {"0220", "0230"}, {"0221", "0230"}, {"0400", "0410"},
                {"0401", "0410"}, {"0500", "0510"}, {"0800", "0810"}};
        for (String[] pair : pairs) {
            MatchKey request = MatchKey.ofRequest(message(pair[0], "123", "T1"));
            assertEquals(Optional.of(request), MatchKey.ofResponse(message(pair[1], "000123", "T1      ")), pair[0]);
        }
    }

    @Test
    void aResponseOfAnotherClassStanOrTerminalDoesNotMatch() {
        MatchKey sale = MatchKey.ofRequest(message("0200", "000123", "T1"));

        assertEquals(false, MatchKey.ofResponse(message("0410", "000123", "T1")).equals(Optional.of(sale)));
        assertEquals(false, MatchKey.ofResponse(message("0210", "000124", "T1")).equals(Optional.of(sale)));
        assertEquals(false, MatchKey.ofResponse(message("0210", "000123", "T2")).equals(Optional.of(sale)));
    }

    @Test
    void aRequestThatCouldNeverBeMatchedIsRefusedAndSuchAResponseHasNoKey() {
        assertThrows(IllegalArgumentException.class, () -> MatchKey.ofRequest(message("0210", "000123", "T1")));
        assertThrows(IllegalArgumentException.class, () -> MatchKey.ofRequest(new IsoMessage("0200", Map.of(11, "000001"))));
        assertThrows(IllegalArgumentException.class, () -> MatchKey.ofRequest(message("0200", "000000", "T1")));
        assertEquals(Optional.empty(), MatchKey.ofResponse(message("0200", "000123", "T1")));
        assertEquals(Optional.empty(), MatchKey.ofResponse(new IsoMessage("0210", Map.of(41, "T1"))));
    }

    private static IsoMessage message(String mti, String stan, String terminal) {
        return new IsoMessage(mti, Map.of(11, stan, 41, terminal));
    }
}
