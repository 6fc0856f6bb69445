package dev.posterm.drivers.reader;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code A} frame.
 *
 * @param decision           DF20
 * @param responseCode       8A, two characters ("00", "05", "Y3", "Z3")
 * @param authCode           89, up to 6 characters, when the host gave one
 * @param issuerAuthData     91, when the host sent it (field 55 of the 0210)
 */
public record Authorisation(HostDecision decision, String responseCode, Optional<String> authCode,
                            Optional<byte[]> issuerAuthData) {
    public Authorisation {
        Objects.requireNonNull(decision, "decision");
        if (responseCode == null || responseCode.length() != 2) {
            throw new IllegalArgumentException("response code must be two characters");
        }
        issuerAuthData = issuerAuthData.map(byte[]::clone);
    }
}
