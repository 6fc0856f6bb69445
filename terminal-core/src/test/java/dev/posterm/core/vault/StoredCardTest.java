package dev.posterm.core.vault;

import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Track2;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredCardTest {
    private static final StoredCard CARD = new StoredCard(Pan.of("4761739001010119"),
            Optional.of(Track2.of("4761739001010119D22122011143804400")), Optional.of(Expiry.ofYymmdd("221231")),
            Optional.of(1), "9F26088877665544332211");

    @Test
    void toStringShowsTheMaskedPanAndNothingElseOfTheCard() {
        String text = CARD.toString();

        assertTrue(text.contains("476173******0119"), text);
        assertFalse(text.contains("4761739001010119"), text);
        assertFalse(text.contains("2212"), text);
        assertFalse(text.contains("8877665544"), text);
        assertTrue(text.contains("icc=11 bytes"), text);
    }

    @Test
    void iccDataIsKeptInUpperCaseHex() {
        StoredCard card = new StoredCard(Pan.of("4761739001010119"), Optional.empty(), Optional.empty(), Optional.empty(), "9f2701");

        assertEquals("9F2701", card.iccHex());
    }

    @Test
    void badIccDataIsRefusedWithoutEchoingIt() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () ->
                new StoredCard(Pan.of("4761739001010119"), Optional.empty(), Optional.empty(), Optional.empty(), "5A084761739"));
        assertThrows(IllegalArgumentException.class, () ->
                new StoredCard(Pan.of("4761739001010119"), Optional.empty(), Optional.empty(), Optional.empty(), "ZZ"));

        assertFalse(odd.getMessage().contains("4761739"), odd.getMessage());
    }

    @Test
    void panSequenceNumberIsTwoDigits() {
        assertThrows(IllegalArgumentException.class, () ->
                new StoredCard(Pan.of("4761739001010119"), Optional.empty(), Optional.empty(), Optional.of(100), ""));
        assertThrows(IllegalArgumentException.class, () ->
                new StoredCard(Pan.of("4761739001010119"), Optional.empty(), Optional.empty(), Optional.of(-1), ""));
    }

    @Test
    void cardHashAcceptsLowerCaseAndComparesInUpperCase() {
        String lower = "95c580f38854239cfd0d8c8c6fff0ea35ba533a467dd90f35f90205ff0e70874";

        assertEquals(new CardHash(lower.toUpperCase()), new CardHash(lower));
        assertThrows(IllegalArgumentException.class, () -> new CardHash(lower.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> new CardHash(lower.replace('c', 'g')));
    }
}
