package dev.posterm.simulator.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated gateway's own checks, with requests signed by hand-computed vectors. */
class WalletGatewaySimulatorTest {
    static final String KEY = "sim-key-0123456789abcdef";
    /** python3: hmac.new(KEY, b"1767225600\nNonce0123456789AB\n" + BODY, sha256).hexdigest() */
    static final String BODY = "{\"outTradeNo\":\"T0000001-0001\"}";
    static final String SIGNATURE = "230a593ed62ae429411111450e3dc9192be1a3ed999401f04eb879b0ff7688b5";
    /** python3: the same key over b"1700000000\nZZZZ9999zzzz0000aaaa\n" + the UTF-8 body with 中 */
    static final String SIGNATURE_UTF8 = "8267f9a02a73b2fdbe60a83ae9559726b24e865916ad80053f0382fba4f42b70";

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_767_225_600L + 10), ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();
    private WalletGatewaySimulator gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void signingMatchesVectorsComputedElsewhere() {
        GatewaySigning signing = new GatewaySigning(KEY);
        assertEquals(SIGNATURE, signing.signatureOf("1767225600", "Nonce0123456789AB",
                BODY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SIGNATURE_UTF8, signing.signatureOf("1700000000", "ZZZZ9999zzzz0000aaaa",
                "{\"code\":\"SUCCESS\",\"tradeNo\":\"420000中\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRightlySignedQueryIsAnsweredAndItsAnswerIsSigned() throws Exception {
        gateway = new WalletGatewaySimulator(0, "M1", KEY, clock).start();

        HttpResponse<byte[]> answer = post("1767225600", "Nonce0123456789AB", SIGNATURE);

        assertEquals(200, answer.statusCode());
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"code\":\"FAIL\"") && text.contains("\"errCode\":\"ORDERNOTEXIST\""), text);
        String ts = answer.headers().firstValue("X-Timestamp").orElseThrow();
        String nonce = answer.headers().firstValue("X-Nonce").orElseThrow();
        assertEquals(new GatewaySigning(KEY).signatureOf(ts, nonce, answer.body()),
                answer.headers().firstValue("X-Signature").orElseThrow());
    }

    @Test
    void aReplayedNonceABadSignatureAndAnOldTimestampAreRefusedWith401() throws Exception {
        gateway = new WalletGatewaySimulator(0, "M1", KEY, clock).start();
        assertEquals(200, post("1767225600", "Nonce0123456789AB", SIGNATURE).statusCode());

        HttpResponse<byte[]> replay = post("1767225600", "Nonce0123456789AB", SIGNATURE);
        HttpResponse<byte[]> badSignature = post("1767225600", "Nonce0123456789AC", SIGNATURE);
        Clock later = Clock.fixed(Instant.ofEpochSecond(1_767_225_600L + 301), ZoneOffset.UTC);
        gateway.close();
        gateway = new WalletGatewaySimulator(0, "M1", KEY, later).start();
        HttpResponse<byte[]> stale = post("1767225600", "Nonce0123456789AB", SIGNATURE);

        for (HttpResponse<byte[]> refused : new HttpResponse[] {replay, badSignature, stale}) {
            assertEquals(401, refused.statusCode());
            assertEquals("{\"code\":\"SIGN_ERROR\"}", new String(refused.body(), StandardCharsets.UTF_8));
        }
        assertEquals(1, gateway.signRefusals());
    }

    @Test
    void theLastDigitsOfACodeChooseItsBehaviour() {
        assertEquals(Behaviour.Kind.PAID, Behaviour.byLastDigits("134567890123456780").kind());
        assertEquals(Behaviour.Kind.USERPAYING_THEN_PAID, Behaviour.byLastDigits("134567890123456791").kind());
        assertEquals(Behaviour.Kind.NOTENOUGH, Behaviour.byLastDigits("134567890123456794").kind());
        assertEquals(2, Behaviour.byLastDigits("134567890123456797").recalls());
        assertEquals("WECHAT", WalletBooks.walletOf("134567890123456780"));
        assertEquals("ALIPAY", WalletBooks.walletOf("2812345678901234"));
        assertEquals("UNIONPAY", WalletBooks.walletOf("6212345678901234567"));
        assertEquals(null, WalletBooks.walletOf("6901234567892"));
    }

    private HttpResponse<byte[]> post(String ts, String nonce, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/query"))
                .header("Content-Type", "application/json").header("X-Mch-Id", "M1").header("X-Timestamp", ts)
                .header("X-Nonce", nonce).header("X-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
