package dev.posterm.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The terminal's whole configuration, validated and immutable. Built only by {@link ConfigLoader},
 * which checks every key at once and reports every problem with its key path and line.
 * Key names follow {@code shared/specs/config-keys.md}; {@code docs/configuration.md} documents
 * every key, its default and its range.
 */
public record PostermConfig(Terminal terminal, Data data, Host host, SerialPort reader, SerialPort printer,
                            Modem modem, Api api, Offline offline, Orders orders, Gpio gpio, Log log, Saf saf,
                            Link link, Bundle bundle, Rollback rollback,
                            Optional<Wallet> wallet, Scanner scanner, Batch batch,
                            Settlement settlement, AlertLimits alerts) {

    /**
     * [alerts]: when conditions that are not faults yet become alerts (docs/errors.md).
     *
     * @param linkDownAfter  LINK_DOWN_LONG once the link has been OFFLINE this long (link_down_minutes)
     * @param safNearPercent SAF_NEAR_COUNT / SAF_NEAR_TOTAL once the offline sales waiting reach this percent of
     *                       offline.max_count / offline.total_limit (saf_near_percent)
     */
    public record AlertLimits(Duration linkDownAfter, int safNearPercent) {
    }

    /** @param autoCloseAt the local time the batch closes by itself each day; empty for "none" */
    public record Batch(Optional<java.time.LocalTime> autoCloseAt) {
    }

    /**
     * [settlement]: how long the settlement files stay in {@code <data.dir>/settlements}.
     *
     * @param retentionDays files of a batch closed longer ago are removed, once the back office has fetched them
     * @param minFreeMb     below this much free space the oldest files go even if never fetched (an alert says so)
     */
    public record Settlement(int retentionDays, long minFreeMb) {
    }

    /** Receipt and cashier-message language. */
    public enum Locale { EN, ZH_CN;

        /** The config spelling: "en" or "zh-CN". */
        public String tag() {
            return this == EN ? "en" : "zh-CN";
        }
    }

    /**
     * @param id              field 41, exactly 8 characters
     * @param merchantId      field 42, exactly 15 characters
     * @param currency        ISO 4217 alphabetic, e.g. "CNY"
     * @param currencyNumeric ISO 4217 numeric, e.g. 156 (derived from {@code currency})
     * @param currencyDigits  minor-unit digits, e.g. 2 (derived)
     * @param merchantName    printed at the top of receipts
     * @param supportContact  who to call for support (a phone number, a name): on decline slips and in
     *                        every message that says to call support; empty: none configured
     */
    public record Terminal(String id, String merchantId, String currency, int currencyNumeric, int currencyDigits,
                           Locale locale, String merchantName, Optional<String> supportContact) {
        public Terminal(String id, String merchantId, String currency, int currencyNumeric, int currencyDigits,
                        Locale locale, String merchantName) {
            this(id, merchantId, currency, currencyNumeric, currencyDigits, locale, merchantName, Optional.empty());
        }
    }

    public record Data(Path dir) {
    }

    /**
     * @param address        host:port of the acquirer
     * @param tls            TLS 1.2+ with {@code caFile} pinned
     * @param caFile         the acquirer's CA certificate (PEM), required when {@code tls}
     * @param allowPlainTcp  lab switch: plain TCP to a non-loopback address (refused otherwise)
     * @param timeout        0200 response timeout (timeout_ms)
     */
    public record Host(String host, int port, boolean tls, Optional<Path> caFile, boolean allowPlainTcp,
                       Duration timeout) {
    }

    /** A serial port as configured: a device path or "tcp:HOST:PORT", and its baud rate. */
    public record SerialPort(String port, int baud) {
    }

    /** {@code port} empty when the uplink is wired ("none"). */
    public record Modem(Optional<String> port, int baud) {
        public boolean present() {
            return port.isPresent();
        }
    }

    /**
     * {@code tlsCertificate}/{@code tlsKey}: PEM files; both absent means plain HTTP, which off
     * loopback needs {@code allowPlainHttp} (a lab switch, as {@code host.allow_plain_tcp}).
     */
    public record Api(String listenHost, int listenPort, String cashierToken, String backofficeToken,
                      Optional<Path> tlsCertificate, Optional<Path> tlsKey, boolean allowPlainHttp) {
        /** Tokens shorter than this are accepted, with a warning at start and from check-config. */
        public static final int RECOMMENDED_TOKEN_LENGTH = 16;

        /** What an installer should hear about the tokens (never the tokens themselves). */
        public List<String> warnings() {
            List<String> out = new ArrayList<>();
            if (cashierToken.length() < RECOMMENDED_TOKEN_LENGTH) {
                out.add("api.cashier_token has " + cashierToken.length() + " characters; use "
                        + RECOMMENDED_TOKEN_LENGTH + " or more so it cannot be guessed");
            }
            if (backofficeToken.length() < RECOMMENDED_TOKEN_LENGTH) {
                out.add("api.backoffice_token has " + backofficeToken.length() + " characters; use "
                        + RECOMMENDED_TOKEN_LENGTH + " or more so it cannot be guessed");
            }
            return out;
        }
    }

    /** Amounts in minor units. */
    /**
     * Terminal risk management for offline approvals ({@code docs/offline.md}).
     *
     * @param velocityPerCard   the most offline sales held at once for one card (by its keyed hash)
     * @param blockedRanges     PAN prefixes never approved offline
     * @param blockedCardHashes keyed card hashes never approved offline
     * @param exposureSteps     the floor shrinks to {@code floorPercent} once {@code threshold} percent of
     *                          total_limit is held
     * @param outageSteps       the floor shrinks to {@code floorPercent} once the outage is
     *                          {@code threshold} minutes old
     */
    public record Offline(boolean enabled, long floorLimit, long totalLimit, int maxCount, int maxAgeHours,
                          int velocityPerCard, java.util.List<String> blockedRanges,
                          java.util.List<String> blockedCardHashes, java.util.List<Step> exposureSteps,
                          java.util.List<Step> outageSteps) {
        public Offline {
            blockedRanges = java.util.List.copyOf(blockedRanges);
            blockedCardHashes = java.util.List.copyOf(blockedCardHashes);
            exposureSteps = java.util.List.copyOf(exposureSteps);
            outageSteps = java.util.List.copyOf(outageSteps);
        }
    }

    /** One step of a floor curve: from {@code threshold} on, the floor is {@code floorPercent} of floor_limit. */
    public record Step(int threshold, int floorPercent) {
    }

    /**
     * Store-and-forward.
     *
     * @param window        advices outstanding at once on the connection
     * @param repeatFirst   first wait before a repeat (0221), doubling with jitter up to {@code repeatMax}
     * @param expiryWarning alert this long before an advice reaches offline.max_age_hours
     */
    public record Saf(int window, Duration repeatFirst, Duration repeatMax, Duration expiryWarning) {
    }

    /**
     * The link monitor.
     *
     * @param echoInterval 0800 echo tests this often
     * @param slowPercent  an answer slower than this percent of host.timeout_ms counts as slow
     */
    public record Link(Duration echoInterval, int slowPercent) {
    }

    /**
     * @param payWithinSeconds    an order's time to pay when its request does not say
     * @param remindBeforeSeconds the reminder event goes out this long before an open order's pay-by time; 0: none
     */
    public record Orders(int payWithinSeconds, int remindBeforeSeconds) {
        public Orders(int payWithinSeconds) {
            this(payWithinSeconds, 60);
        }
    }

    /**
     * BCM pins of the indicators and inputs. {@code provider}: "auto" (gpiod where /dev/gpiochip0
     * exists, else mock), "gpiod" or "mock".
     *
     * @param tamper        the case switch (high = open = tampered); empty: no switch fitted
     * @param serviceButton the service button (high = pressed); empty: none fitted
     */
    public record Gpio(String provider, int onlineLed, int offlineLed, int alertLed, int buzzer,
                       Optional<Integer> modemPowerKey, Optional<Integer> tamper, Optional<Integer> serviceButton) {
        public Gpio(String provider, int onlineLed, int offlineLed, int alertLed, int buzzer,
                    Optional<Integer> modemPowerKey) {
            this(provider, onlineLed, offlineLed, alertLed, buzzer, modemPowerKey, Optional.empty(), Optional.empty());
        }
    }

    /** {@code level}: tinylog level for the console and the rolling file under data.dir/logs. */
    public record Log(String level) {
    }

    /**
     * [bundle]: the version of the signed bundle this file came from ({@code config-bundle.md}),
     * 0 for a file written by hand. The version the terminal runs is the journal's, not this.
     */
    public record Bundle(long version) {
    }

    /** [config]: a new configuration whose devices and host do not answer within this is undone. */
    public record Rollback(Duration within) {
    }

    /**
     * The QR wallet gateway (wallet-gateway.md); absent: no QR payments.
     *
     * @param url           https://..., or http:// to a loopback address; no trailing '/'
     * @param key           the HMAC-SHA256 key; a {@link Secret}, so never printed
     * @param timeout       one call, connect to last byte (timeout_ms)
     * @param queryInterval between two queries of a payment (query_interval_ms)
     * @param giveUpAfter   from pay to giving up and reversing (give_up_seconds)
     */
    public record Wallet(URI url, String merchantId, Secret key, Duration timeout, Duration queryInterval,
                         Duration giveUpAfter) {
    }

    /** The counter's barcode scanner; {@code port} empty when there is none ("none"). */
    public record Scanner(Optional<String> port, int baud) {
        public boolean present() {
            return port.isPresent();
        }
    }

    /** A secret value (a key): its {@code toString()} shows its length only. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "(secret, " + (value == null ? 0 : value.length()) + " characters)";
        }
    }
}
