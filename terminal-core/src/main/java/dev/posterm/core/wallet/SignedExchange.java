package dev.posterm.core.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tinylog.Logger;

/**
 * One signed request and its verified answer over the JDK HttpClient:
 * <pre>
 *   POST {url}/v1/{call}                       HTTP/1.1 200
 *   Content-Type: application/json             X-Timestamp: 1767225601
 *   X-Mch-Id: {merchant_id}                    X-Nonce: ...
 *   X-Timestamp: {Unix seconds}                X-Signature: hex(HMAC(ts \n nonce \n body))
 *   X-Nonce: {24 x [A-Za-z0-9], new each time}
 *   X-Signature: hex(HMAC(ts \n nonce \n body))   {"code":"SUCCESS",...}
 * </pre>
 * An answer counts only if its signature verifies, its timestamp is within {@value #SKEW_SECONDS} s of
 * our clock and its nonce was not seen before (a replayed answer); otherwise it is no answer. The whole
 * exchange, connect to last body byte, is bounded by the settings' timeout. Bodies are never logged:
 * a pay body holds the customer's payment code.
 */
final class SignedExchange {
    static final long SKEW_SECONDS = 300;

    private final GatewaySettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Nonces nonces;
    private final MessageSignature signature;
    private final ObjectMapper json = new ObjectMapper();

    SignedExchange(GatewaySettings settings, HttpClient http, Clock clock, Nonces nonces) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.nonces = nonces;
        this.signature = new MessageSignature(settings.key());
    }

    Exchange post(String call, byte[] body) throws InterruptedException {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonces.fresh();
        HttpRequest request = HttpRequest.newBuilder(settings.call(call))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("X-Mch-Id", settings.merchantId())
                .header("X-Timestamp", timestamp)
                .header("X-Nonce", nonce)
                .header("X-Signature", signature.sign(timestamp, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = sent.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return read(call, response);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return noAnswer(call, "no answer within " + settings.timeout().toMillis() + " ms", started);
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof HttpTimeoutException
                    ? "no answer within " + settings.timeout().toMillis() + " ms"
                    : "connection failed: " + e.getCause().getClass().getSimpleName();
            return noAnswer(call, why, started);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private Exchange noAnswer(String call, String why, long startedNanos) {
        Logger.warn("wallet gateway {} {}: {} after {} ms", settings.url(), call, why,
                Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
        return new Exchange.NoAnswer(why);
    }

    private Exchange read(String call, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 200 && status != 401) {
            Logger.warn("wallet gateway {} {}: HTTP {}", settings.url(), call, status);
            return new Exchange.NoAnswer("HTTP " + status);
        }
        String problem = problemWithSignature(response);
        if (problem != null) {
            Logger.warn("wallet gateway {} {}: HTTP {} treated as no answer: {}", settings.url(), call, status, problem);
            return new Exchange.NoAnswer(problem);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            return new Exchange.NoAnswer("answer is not JSON");
        }
        if (body == null || !body.isObject() || !body.path("code").isTextual()) {
            return new Exchange.NoAnswer("answer has no code");
        }
        if (status == 401) {
            if ("SIGN_ERROR".equals(body.path("code").asText())) {
                Logger.error("wallet gateway {} {}: 401 SIGN_ERROR: check wallet.key, wallet.merchant_id and the"
                        + " clock", settings.url(), call);
                return new Exchange.SignRefused();
            }
            return new Exchange.NoAnswer("HTTP 401 " + body.path("code").asText());
        }
        return new Exchange.Answered(body);
    }

    /** Null when the answer's timestamp, nonce and signature hold; else what is wrong. */
    private String problemWithSignature(HttpResponse<byte[]> response) {
        String timestamp = response.headers().firstValue("X-Timestamp").orElse(null);
        String nonce = response.headers().firstValue("X-Nonce").orElse(null);
        String sig = response.headers().firstValue("X-Signature").orElse(null);
        if (timestamp == null || nonce == null || sig == null) {
            return "answer not signed";
        }
        if (!signature.verifies(timestamp, nonce, response.body(), sig)) {
            return "answer signature does not verify";
        }
        Instant now = clock.instant();
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "answer timestamp unreadable";
        }
        if (Math.abs(seconds - now.getEpochSecond()) > SKEW_SECONDS) {
            return "answer timestamp " + seconds + " more than " + SKEW_SECONDS + " s from our clock";
        }
        if (!Nonces.FORM.matcher(nonce).matches() || !nonces.firstSighting(nonce, now)) {
            return "answer nonce malformed or seen before (a replay)";
        }
        return null;
    }
}
