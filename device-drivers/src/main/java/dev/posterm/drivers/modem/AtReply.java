package dev.posterm.drivers.modem;

import java.util.List;
import java.util.Optional;

/** How the modem answered one AT command. */
sealed interface AtReply {

    /** Final result {@code OK}, with the information lines before it (echo removed). */
    record Ok(List<String> lines) implements AtReply {
        /** The first line starting with {@code prefix} (e.g. "+CSQ:"), without it. */
        Optional<String> value(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()).strip());
        }
    }

    /** {@code ERROR}, {@code +CME ERROR: n} or {@code +CMS ERROR: n}; {@code text} as received. */
    record Error(String text) implements AtReply {
    }

    /** No final result within the per-command time. */
    record Silent(List<String> linesSoFar) implements AtReply {
    }
}
