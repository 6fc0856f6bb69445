package dev.posterm.config;

import dev.posterm.config.PostermConfig.Bundle;
import dev.posterm.config.PostermConfig.Rollback;

import java.time.Duration;

/**
 * Reads [bundle] and [config]: how this file came to the terminal (a signed bundle's version,
 * {@code shared/specs/config-bundle.md}) and how long a new configuration has to prove itself.
 * A bundle's terminal.toml becomes the config file byte for byte, so the loader must know both.
 */
final class ChangeSections {

    /** Long enough for the host's longest timeout (120 s) and a reader restart; an hour at most. */
    static final long MIN_ROLLBACK_SECONDS = 30;
    static final long MAX_ROLLBACK_SECONDS = 3_600;

    private ChangeSections() {
    }

    /** No [bundle] table: version 0, as the spec counts a terminal that never took a bundle. */
    static Bundle bundle(Section s, boolean present) {
        if (!present) {
            return new Bundle(0);
        }
        if (!s.has("version")) {
            s.requiredText("version", "the bundle's version, an integer of 1 or more");
            return new Bundle(0);
        }
        return new Bundle(s.optionalInteger("version", 1, Long.MAX_VALUE).orElse(0L));
    }

    static Rollback rollback(Section s) {
        Long seconds = s.integer("rollback_seconds", 120, MIN_ROLLBACK_SECONDS, MAX_ROLLBACK_SECONDS);
        return new Rollback(Duration.ofSeconds(seconds == null ? 0 : seconds));
    }
}
