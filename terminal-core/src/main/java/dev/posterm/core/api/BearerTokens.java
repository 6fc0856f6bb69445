package dev.posterm.core.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Tells the role from an {@code Authorization: Bearer <token>} header.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the
 * same time whatever the first differing byte; hashing first also hides the configured tokens'
 * length from a caller timing the comparison. Both tokens are always compared, so the time does
 * not tell which role a near-miss was aiming for.
 */
final class BearerTokens {
    private static final String SCHEME = "Bearer ";

    private final byte[] cashier;
    private final byte[] backoffice;

    BearerTokens(String cashierToken, String backofficeToken) {
        if (cashierToken.isBlank() || backofficeToken.isBlank()) {
            throw new IllegalArgumentException("API tokens must not be blank");
        }
        if (cashierToken.equals(backofficeToken)) {
            throw new IllegalArgumentException("the cashier and back-office API tokens must differ");
        }
        this.cashier = digest(cashierToken);
        this.backoffice = digest(backofficeToken);
    }

    /** The role of a request's Authorization header; empty when missing, malformed or unknown. */
    Optional<Role> roleOf(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        byte[] presented = digest(authorization.substring(SCHEME.length()).strip());
        boolean isCashier = MessageDigest.isEqual(presented, cashier);
        boolean isBackoffice = MessageDigest.isEqual(presented, backoffice);
        if (isCashier) {
            return Optional.of(Role.CASHIER);
        }
        return isBackoffice ? Optional.of(Role.BACKOFFICE) : Optional.empty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
