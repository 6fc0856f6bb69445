package dev.posterm.core.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's signature of one message, request or answer (wallet-gateway.md, "Transport and signing"):
 * <pre>
 *   X-Signature = lower-case hex( HMAC-SHA256( key = wallet.key as UTF-8,
 *                                              timestamp + "\n" + nonce + "\n" + body bytes ) )
 * </pre>
 * The body is taken as the exact bytes that crossed the wire, never re-encoded JSON.
 */
final class MessageSignature {
    private static final HexFormat HEX = HexFormat.of();   // lower case
    private final SecretKeySpec key;

    MessageSignature(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    String sign(String timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code signature} is exactly ours (lower-case hex), compared in constant time. */
    boolean verifies(String timestamp, String nonce, byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "MessageSignature[key hidden]";
    }
}
