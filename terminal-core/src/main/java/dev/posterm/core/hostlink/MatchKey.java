package dev.posterm.core.hostlink;

import java.util.Optional;

/**
 * What pairs a response with its request: MTI class, STAN (field 11) and terminal id (field 41),
 * as host-link.md says. The terminal id is kept without the trailing spaces IF_CHAR pads it with,
 * so "T1" sent and "T1      " received are the same terminal.
 */
public record MatchKey(MtiClass mtiClass, Stan stan, String terminalId) {

    /**
     * The key a request will be answered under.
     *
     * @throws IllegalArgumentException if the MTI is not a request of the profile, or field 11 or
     *                                  41 is missing or not valid: such a request could never be matched
     */
    public static MatchKey ofRequest(IsoMessage request) {
        MtiClass mtiClass = MtiClass.ofRequest(request.mti()).orElseThrow(() ->
                new IllegalArgumentException("MTI " + request.mti() + " is not a request of the host profile"));
        return of(mtiClass, request).orElseThrow(() ->
                new IllegalArgumentException(request.mti() + " needs a STAN (11) of 1..999999 and a terminal id (41) to be matched"));
    }

    /** The key a response answers, or empty when it is not a response or has no usable 11/41. */
    public static Optional<MatchKey> ofResponse(IsoMessage response) {
        return MtiClass.ofResponse(response.mti()).flatMap(c -> of(c, response));
    }

    private static Optional<MatchKey> of(MtiClass mtiClass, IsoMessage message) {
        Optional<String> stan = message.field(11).filter(s -> s.matches("\\d{1,6}") && Integer.parseInt(s) > 0);
        Optional<String> terminal = message.field(41).map(String::stripTrailing).filter(t -> !t.isEmpty());
        if (stan.isEmpty() || terminal.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MatchKey(mtiClass, Stan.parse(stan.get()), terminal.get()));
    }

    @Override
    public String toString() {
        return mtiClass + "/" + stan + "/" + terminalId;
    }
}
