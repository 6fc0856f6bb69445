package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.testing.ManualClock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutTradeNoMakerTest {

    @Test
    void numbersCarryTerminalAndTimeAndAreUniqueEvenWithTheClockStandingStill() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:30:15Z"));
        OutTradeNoMaker maker = new OutTradeNoMaker("T0000001", clock, new SplittableRandom(7));
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            String no = maker.nextTrade().value();
            assertTrue(no.matches("T0000001260101093015[A-Za-z0-9]{10}"), no);
            assertTrue(seen.add(no), "repeated " + no);
        }
        assertTrue(maker.nextRefund().value().startsWith("T0000001260101093015"));
    }

    @Test
    void aTerminalIdWithCharactersTheGatewayRefusesStillMakesAValidNumber() {
        OutTradeNoMaker maker = new OutTradeNoMaker("T 01.02", new ManualClock(Instant.EPOCH), new SplittableRandom(1));

        String no = maker.nextTrade().value();

        assertEquals(29, no.length());
        assertTrue(no.startsWith("T_01_02700101000000"), no);
    }

    @Test
    void outTradeNoRefusesWhatTheSpecRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new OutTradeNo("abc12"));
        assertThrows(IllegalArgumentException.class, () -> new OutTradeNo("a".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> new OutTradeNo("abc 123"));
        assertEquals("ab-_12", new OutTradeNo("ab-_12").value());
    }
}
