package dev.posterm.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When the batch closes by itself: batch.auto_close_at, local time, each day. */
class AutoCloseTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theNextCloseIsTodayWhenTheTimeIsStillAheadElseTomorrow() {
        LocalTime at = LocalTime.of(23, 30);
        assertEquals(Instant.parse("2026-12-03T15:30:00Z"), AutoClose.next(Instant.parse("2026-12-03T10:00:00Z"), at, SHANGHAI));
        assertEquals(Instant.parse("2026-12-04T15:30:00Z"), AutoClose.next(Instant.parse("2026-12-03T15:30:00Z"), at, SHANGHAI),
                "at the very minute it has just run: the next day");
    }

    @Test
    void aTimeSkippedOrRepeatedByDaylightSavingStillClosesOnceThatDay() {
        // 2026-03-29 02:30 does not exist in Berlin (02:00 -> 03:00): the close comes at 03:30 CEST.
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), AutoClose.next(Instant.parse("2026-03-28T12:00:00Z"),
                LocalTime.of(2, 30), BERLIN));
        // 2026-10-25 02:30 happens twice: the first.
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), AutoClose.next(Instant.parse("2026-10-24T12:00:00Z"),
                LocalTime.of(2, 30), BERLIN));
    }
}
