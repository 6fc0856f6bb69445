package dev.posterm.core.wallet;

import com.fasterxml.jackson.databind.JsonNode;

/** What one signed HTTP exchange with the gateway gave, before the call's own meaning is read. */
sealed interface Exchange {

    /** HTTP 200 with a verified signature and a JSON object body. */
    record Answered(JsonNode body) implements Exchange {
    }

    /** HTTP 401 {@code SIGN_ERROR}, itself signed by the gateway: our request was refused unread. */
    record SignRefused() implements Exchange {
    }

    /** Anything else: no connection, no answer in time, 5xx, an answer that does not verify or parse. */
    record NoAnswer(String reason) implements Exchange {
    }
}
