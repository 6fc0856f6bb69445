package dev.posterm.config;

import dev.posterm.config.PostermConfig.Api;
import dev.posterm.config.PostermConfig.Host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads [host] (the acquirer link) and [api] (the cash register's HTTP API). */
final class LinkSections {

    // Shorter tokens are accepted (a lab or a test harness may use them) but warned about at start.
    static final int MIN_TOKEN_LENGTH = 1;
    static final int MAX_TOKEN_LENGTH = 256;

    private LinkSections() {
    }

    static Host host(Section s) {
        HostPort address = address(s, "address", s.requiredText("address", "the acquirer's host:port"));
        Boolean tls = s.bool("tls", false);
        Optional<Path> caFile = s.has("ca_file") ? s.readableFile("ca_file") : Optional.empty();
        Boolean allowPlain = s.bool("allow_plain_tcp", false);
        Long timeout = s.integer("timeout_ms", 30_000, 1_000, 120_000);
        if (Boolean.TRUE.equals(tls) && !s.has("ca_file")) {
            s.problems().missing(s.path("ca_file"), "is required when host.tls = true: the acquirer's CA"
                    + " certificate (PEM) to pin");
        }
        if (Boolean.FALSE.equals(tls) && s.has("ca_file")) {
            s.problems().at(s.path("ca_file"), "is set but host.tls = false: set tls = true or remove ca_file");
        }
        if (address != null && Boolean.FALSE.equals(tls) && Boolean.FALSE.equals(allowPlain) && !address.isLoopback()) {
            s.problems().at(s.path("address"), "plain TCP to " + address.host() + " would carry card data"
                    + " unencrypted: set host.tls = true with host.ca_file, or host.allow_plain_tcp = true in a lab");
        }
        return new Host(address == null ? null : address.host(), address == null ? 0 : address.port(),
                tls != null && tls, caFile, allowPlain != null && allowPlain,
                timeout == null ? null : Duration.ofMillis(timeout));
    }

    static Api api(Section s) {
        HostPort listen = s.has("listen") ? address(s, "listen", s.text("listen").orElse(null)) : new HostPort("127.0.0.1", 8780);
        String cashier = token(s, "cashier_token", "the bearer token of the cash register");
        String backoffice = token(s, "backoffice_token", "the bearer token of back-office staff");
        if (cashier != null && cashier.equals(backoffice)) {
            s.problems().at(s.path("backoffice_token"), "must differ from api.cashier_token, or a cashier"
                    + " could act as back office");
        }
        Optional<Path> certificate = s.has("tls_certificate") ? s.readableFile("tls_certificate") : Optional.empty();
        Optional<Path> key = s.has("tls_key") ? s.readableFile("tls_key") : Optional.empty();
        if (s.has("tls_certificate") != s.has("tls_key")) {
            String missing = s.has("tls_certificate") ? "tls_key" : "tls_certificate";
            s.problems().missing(s.path(missing), "is required when api." + (missing.equals("tls_key")
                    ? "tls_certificate" : "tls_key") + " is set: give both for HTTPS, or neither for HTTP");
        }
        Boolean allowPlain = s.bool("allow_plain_http", false);
        if (listen != null && !s.has("tls_certificate") && !s.has("tls_key") && Boolean.FALSE.equals(allowPlain)
                && !listen.isLoopback()) {
            // Bearer tokens and every payment would cross the network readable by anyone on it.
            s.problems().at(s.path("listen"), "plain HTTP on " + listen.host() + " would carry the bearer tokens and"
                    + " payments unencrypted: set api.tls_certificate with api.tls_key, listen on loopback, or set"
                    + " api.allow_plain_http = true in a lab");
        }
        return new Api(listen == null ? null : listen.host(), listen == null ? 0 : listen.port(), cashier, backoffice,
                certificate, key, allowPlain != null && allowPlain);
    }

    /** host:port from {@code text} (null when absent or already reported). */
    private static HostPort address(Section s, String key, String text) {
        if (text == null) {
            return null;
        }
        return switch (HostPort.read(text)) {
            case HostPort.Valid v -> v.address();
            case HostPort.Invalid bad -> {
                s.problems().at(s.path(key), "must be host:port, the host an IP address (IPv6 in brackets) or a"
                        + " DNS name, the port 1..65535; " + bad.why() + ", was '" + text + "'");
                yield null;
            }
        };
    }

    private static String token(Section s, String key, String meaning) {
        String token = s.requiredText(key, meaning + ", " + PostermConfig.Api.RECOMMENDED_TOKEN_LENGTH
                + " or more visible ASCII characters");
        if (token == null) {
            return null;
        }
        if (token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH
                || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            // The token itself stays out of the message: it is a secret.
            s.problems().at(s.path(key), "must be " + MIN_TOKEN_LENGTH + ".." + MAX_TOKEN_LENGTH
                    + " visible ASCII characters without spaces (" + PostermConfig.Api.RECOMMENDED_TOKEN_LENGTH
                    + " or more recommended), was " + token.length() + " characters");
            return null;
        }
        return token;
    }
}
