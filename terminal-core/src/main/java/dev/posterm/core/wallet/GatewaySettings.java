package dev.posterm.core.wallet;

import dev.posterm.config.PostermConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where and how to reach the gateway: HTTPS, or plain {@code http://} to a loopback address only
 * (a simulator, a local test gateway), as for the host link.
 *
 * @param url     base URL without a trailing slash; calls go to {@code url + "/v1/<call>"}
 * @param key     the HMAC-SHA256 key (wallet.key as UTF-8); never printed
 * @param timeout the most one call may take, connect to last byte (wallet.timeout_ms)
 */
public record GatewaySettings(URI url, String merchantId, byte[] key, Duration timeout) {

    public GatewaySettings {
        key = key.clone();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(url.getHost()))) {
            throw new IllegalArgumentException("wallet url must be https://, or http:// to a loopback address, was "
                    + url);
        }
        if (url.getPath() != null && url.getPath().endsWith("/")) {
            throw new IllegalArgumentException("wallet url must not end with '/', was " + url);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("wallet timeout must be positive");
        }
    }

    public static GatewaySettings of(PostermConfig.Wallet wallet) {
        return new GatewaySettings(wallet.url(), wallet.merchantId(),
                wallet.key().value().getBytes(StandardCharsets.UTF_8), wallet.timeout());
    }

    URI call(String name) {
        return URI.create(url + "/v1/" + name);
    }

    /** "localhost", 127.0.0.0/8 or ::1, by their written form: no name is resolved. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewaySettings s && url.equals(s.url) && merchantId.equals(s.merchantId)
                && Arrays.equals(key, s.key) && timeout.equals(s.timeout);
    }

    @Override
    public int hashCode() {
        return url.hashCode() * 31 + merchantId.hashCode();
    }

    @Override
    public String toString() {
        return "GatewaySettings[url=" + url + ", merchantId=" + merchantId + ", key=(hidden), timeout=" + timeout + "]";
    }

    @Override
    public byte[] key() {
        return key.clone();
    }
}
