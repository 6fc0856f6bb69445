package dev.posterm.config;

import dev.posterm.config.PostermConfig.Scanner;
import dev.posterm.config.PostermConfig.Secret;
import dev.posterm.config.PostermConfig.Wallet;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads [wallet] (the QR wallet gateway) and [scanner] (the counter's barcode scanner). */
final class WalletSections {

    static final int MIN_KEY_LENGTH = 16;
    static final int MAX_KEY_LENGTH = 256;

    private WalletSections() {
    }

    /** Called only when [wallet] is in the file: then every required key must be there. */
    static Wallet wallet(Section s) {
        URI url = url(s);
        String merchantId = merchantId(s);
        Secret key = key(s);
        Long timeout = s.integer("timeout_ms", 10_000, 1_000, 60_000);
        Long interval = s.integer("query_interval_ms", 5_000, 1_000, 60_000);
        Long giveUp = s.integer("give_up_seconds", 45, 15, 600);
        if (interval != null && giveUp != null && interval >= giveUp * 1000) {
            s.problems().at(s.path("query_interval_ms"), "must be shorter than wallet.give_up_seconds (" + giveUp
                    + " s), or no payment would be queried before it is given up; was " + interval);
        }
        return new Wallet(url, merchantId, key, millis(timeout), millis(interval),
                giveUp == null ? null : Duration.ofSeconds(giveUp));
    }

    static Scanner scanner(Section s) {
        String port = s.text("port").orElse(s.has("port") ? null : "none");
        Integer baud = DeviceSections.baud(s, 9_600);
        if ("none".equals(port)) {
            return new Scanner(Optional.empty(), baud == null ? 0 : baud);
        }
        return new Scanner(Optional.ofNullable(DeviceSections.checkedPort(s, port)), baud == null ? 0 : baud);
    }

    private static URI url(Section s) {
        String text = s.requiredText("url", "the wallet gateway's base URL, https://...");
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            s.problems().at(s.path("url"), "is not a URL: " + e.getReason() + ", was '" + text + "'");
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String why = !scheme.equals("https") && !scheme.equals("http") ? "must start with https://"
                : url.getHost() == null ? "has no host"
                : url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                        ? "must have no user, query or fragment"
                : url.getRawPath() != null && url.getRawPath().endsWith("/") ? "must not end with '/'"
                        + " (calls go to URL/v1/pay)"
                : scheme.equals("http") && !new HostPort(url.getHost().replaceAll("^\\[|\\]$", ""), 1).isLoopback()
                        ? "plain http:// is allowed to a loopback address only (localhost, 127.0.0.0/8, ::1): the"
                        + " payment codes would cross the network readable by anyone on it; use https://"
                : null;
        if (why != null) {
            s.problems().at(s.path("url"), why + ", was '" + text + "'");
            return null;
        }
        return url;
    }

    private static String merchantId(Section s) {
        String id = s.requiredText("merchant_id", "the merchant id the gateway knows this shop by (X-Mch-Id)");
        if (id != null && (id.isEmpty() || id.length() > 64 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7F))) {
            s.problems().at(s.path("merchant_id"), "must be 1..64 visible ASCII characters without spaces, was '"
                    + id + "'");
            return null;
        }
        return id;
    }

    private static Secret key(Section s) {
        String key = s.requiredText("key", "the HMAC-SHA256 key the gateway gave this merchant, "
                + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH + " visible ASCII characters");
        if (key == null) {
            return null;
        }
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            // The key itself stays out of the message: it is a secret.
            s.problems().at(s.path("key"), "must be " + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH
                    + " visible ASCII characters without spaces, was " + key.length() + " characters");
            return null;
        }
        return new Secret(key);
    }

    private static Duration millis(Long value) {
        return value == null ? null : Duration.ofMillis(value);
    }
}
