package dev.posterm.core.vault;

import java.util.Objects;

/**
 * A keyed hash of a PAN: HMAC-SHA256 of the PAN's ASCII digits under {@code keys/card-hash.key},
 * as 64 upper-case hex characters. It names one card (per-card offline velocity, the blocklist of
 * card hashes) without being card data: without the key it cannot be turned back into a PAN, which
 * a plain SHA-256 of a 16-digit number with a known BIN and Luhn digit can.
 *
 * <p>Lower-case hex is accepted (a hash pasted into config) and kept in upper case, so two hashes
 * of the same card are always {@code equals}.
 */
public record CardHash(String hex) {
    public CardHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64 || !hex.chars().allMatch(java.util.HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a card hash is 64 hex characters (got " + hex.length() + " characters)");
        }
        hex = hex.toUpperCase(java.util.Locale.ROOT);
    }
}
