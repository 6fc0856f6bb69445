package dev.posterm.config;

import dev.posterm.config.PostermConfig.Batch;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads [batch] (when the terminal closes its batch by itself each day), [settlement] (how long its files stay) and [alerts]. */
final class BatchSections {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private BatchSections() {
    }

    /**
     * [alerts]: {@code link_down_minutes} 1..1440 (default 10: long enough that a short outage the
     * terminal rides out offline does not call anyone, short enough that a cut cable is seen within a
     * shift's rush), {@code saf_near_percent} 50..99 (default 80).
     */
    static PostermConfig.AlertLimits alerts(Section s) {
        Long minutes = s.integer("link_down_minutes", 10, 1, 1_440);
        Long percent = s.integer("saf_near_percent", 80, 50, 99);
        return new PostermConfig.AlertLimits(java.time.Duration.ofMinutes(minutes == null ? 10 : minutes),
                percent == null ? 80 : percent.intValue());
    }

    /** {@code auto_close_at}: "HH:MM" local time (00:00 to 23:59), or "none" (the default). */
    static Batch batch(Section s) {
        String value = s.text("auto_close_at").orElse("none");
        if (value.equals("none")) {
            return new Batch(Optional.empty());
        }
        try {
            if (!value.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:MM", value, 0);
            }
            return new Batch(Optional.of(LocalTime.parse(value, HH_MM)));
        } catch (DateTimeParseException e) {
            s.problems().at(s.path("auto_close_at"), "must be a local time \"HH:MM\" (00:00 to 23:59) or \"none\", was \""
                    + value + "\"");
            return new Batch(Optional.empty());
        }
    }

    /**
     * [settlement] {@code retention_days} 1..3650 (default 90: a quarter, past the usual window for a
     * chargeback query on a day's takings) and {@code min_free_mb} 1..1048576 (default 64).
     */
    static PostermConfig.Settlement settlement(Section s) {
        Long days = s.integer("retention_days", 90, 1, 3650);
        Long freeMb = s.integer("min_free_mb", 64, 1, 1_048_576);
        return new PostermConfig.Settlement(days == null ? 90 : days.intValue(), freeMb == null ? 64 : freeMb);
    }
}
