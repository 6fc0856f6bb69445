package dev.posterm.core.hostlink;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The request/response pair a message belongs to, for matching (host-link.md, "Messages").
 * A repeat (0221, 0401) is in the class of its original: the host answers it with the same
 * response MTI.
 */
public enum MtiClass {
    FINANCIAL(Set.of("0200"), "0210"),
    ADVICE(Set.of("0220", "0221"), "0230"),
    REVERSAL(Set.of("0400", "0401"), "0410"),
    RECONCILIATION(Set.of("0500"), "0510"),
    NETWORK_MANAGEMENT(Set.of("0800"), "0810");

    private final Set<String> requests;
    private final String response;

    MtiClass(Set<String> requests, String response) {
        this.requests = requests;
        this.response = response;
    }

    public static Optional<MtiClass> ofRequest(String mti) {
        return Arrays.stream(values()).filter(c -> c.requests.contains(mti)).findFirst();
    }

    public static Optional<MtiClass> ofResponse(String mti) {
        return Arrays.stream(values()).filter(c -> c.response.equals(mti)).findFirst();
    }

    /** The MTI the host answers this class with. */
    public String responseMti() {
        return response;
    }
}
