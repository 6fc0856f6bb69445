package dev.posterm.core.api;

import java.util.Optional;

/** What a handler answers. Refusals are not replies: handlers throw {@code Refused} for those. */
sealed interface Reply {

    /** A JSON body with its status, and a {@code Location} for what a call created. */
    record Json(int status, Object body, Optional<String> location) implements Reply {
        static Json ok(Object body) {
            return new Json(200, body, Optional.empty());
        }
    }

    /** A body already in its final form, such as the metrics' text exposition. */
    record Text(int status, String contentType, byte[] body) implements Reply {
    }

    /** The handler has taken the exchange over (the event stream) and will close it itself. */
    record Streamed() implements Reply {
    }
}
