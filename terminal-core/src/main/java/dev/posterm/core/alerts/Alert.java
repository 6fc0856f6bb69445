package dev.posterm.core.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * An open alert as status and the LED see it.
 *
 * @param detail what the alert is about this time (counts, amounts, STANs), in English; never card data
 */
public record Alert(String code, String english, String chinese, Optional<String> detail, Instant since) {
    public Alert(String code, String english, String chinese, Instant since) {
        this(code, english, chinese, Optional.empty(), since);
    }
}
