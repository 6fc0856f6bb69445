package dev.posterm.core.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Vectors computed outside this code base, with python3:
 * {@code hmac.new(b"sim-key-0123456789abcdef", (ts + "\n" + nonce + "\n").encode() + body, hashlib.sha256).hexdigest()}.
 */
class MessageSignatureTest {
    private static final byte[] KEY = "sim-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final MessageSignature signature = new MessageSignature(KEY);

    @Test
    void signsTimestampNonceAndTheExactBodyBytes() {
        assertEquals("230a593ed62ae429411111450e3dc9192be1a3ed999401f04eb879b0ff7688b5",
                signature.sign("1767225600", "Nonce0123456789AB", utf8("{\"outTradeNo\":\"T0000001-0001\"}")));
        assertEquals("09a95783818e681db4fa26d07d4f5df14c57f776fd55bbd4b062c7147aa1c63f",
                signature.sign("1767225600", "abcdefghijklmnop", new byte[0]));
        assertEquals("8267f9a02a73b2fdbe60a83ae9559726b24e865916ad80053f0382fba4f42b70",
                signature.sign("1700000000", "ZZZZ9999zzzz0000aaaa",
                        utf8("{\"code\":\"SUCCESS\",\"tradeNo\":\"420000中\"}")));
    }

    @Test
    void verifiesOnlyTheExactLowerCaseSignatureOfTheExactBody() {
        byte[] body = utf8("{\"outTradeNo\":\"T0000001-0001\"}");
        String good = "230a593ed62ae429411111450e3dc9192be1a3ed999401f04eb879b0ff7688b5";

        assertTrue(signature.verifies("1767225600", "Nonce0123456789AB", body, good));
        assertFalse(signature.verifies("1767225600", "Nonce0123456789AB", body, good.toUpperCase()));
        assertFalse(signature.verifies("1767225601", "Nonce0123456789AB", body, good));
        assertFalse(signature.verifies("1767225600", "Nonce0123456789AB",
                utf8("{\"outTradeNo\": \"T0000001-0001\"}"), good));   // one space more: other bytes
        assertFalse(signature.verifies("1767225600", "Nonce0123456789AB", body, null));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
