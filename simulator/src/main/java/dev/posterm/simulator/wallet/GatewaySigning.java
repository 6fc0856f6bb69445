package dev.posterm.simulator.wallet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's side of wallet-gateway.md's signature, written apart from the controller's (house
 * rule 13): HMAC-SHA256 keyed with the merchant's key over the timestamp, LF, the nonce, LF and the
 * body bytes, written as lower-case hex.
 */
final class GatewaySigning {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private final byte[] key;

    GatewaySigning(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    String signatureOf(String timestamp, String nonce, byte[] body) {
        byte[] head = (timestamp + '\n' + nonce + '\n').getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = ByteBuffer.allocate(head.length + body.length).put(head).put(body);
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac = hmac.doFinal(message.array());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        char[] hex = new char[mac.length * 2];
        for (int i = 0; i < mac.length; i++) {
            hex[2 * i] = DIGITS[(mac[i] >> 4) & 0x0F];
            hex[2 * i + 1] = DIGITS[mac[i] & 0x0F];
        }
        return new String(hex);
    }

    /** Exact comparison, constant in time for equal lengths. */
    boolean matches(String timestamp, String nonce, byte[] body, String signature) {
        String expected = signatureOf(timestamp, nonce, body);
        if (signature == null || signature.length() != expected.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < expected.length(); i++) {
            diff |= expected.charAt(i) ^ signature.charAt(i);
        }
        return diff == 0;
    }
}
