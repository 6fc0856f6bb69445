package dev.posterm.core.vault;

/**
 * A keyed hash (HMAC-SHA256 under the terminal's own key) of a card number: the same card gives
 * the same hash on this terminal, and the hash tells nothing of the card to anyone without the key.
 * Used for per-card velocity and the blocklist of card hashes.
 */
public record CardHash(String hex) {
    public CardHash {
        if (hex == null || !hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("a card hash is 64 upper-case hex characters");
        }
    }
}
