package dev.posterm.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The terminal's whole configuration, validated and immutable. Built only by {@link ConfigLoader},
 * which checks every key at once and reports every problem with its key path and line.
 * Key names follow {@code shared/specs/config-keys.md}; {@code docs/configuration.md} documents
 * every key, its default and its range.
 */
public record PostermConfig(Terminal terminal, Data data, Host host, SerialPort reader, SerialPort printer,
                            Modem modem, Api api, Offline offline, Orders orders, Gpio gpio, Log log) {

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
     */
    public record Terminal(String id, String merchantId, String currency, int currencyNumeric, int currencyDigits,
                           Locale locale, String merchantName) {
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

    /** {@code tlsCertificate}/{@code tlsKey}: PEM files; both absent means plain HTTP. */
    public record Api(String listenHost, int listenPort, String cashierToken, String backofficeToken,
                      Optional<Path> tlsCertificate, Optional<Path> tlsKey) {
    }

    /** Amounts in minor units. */
    public record Offline(boolean enabled, long floorLimit, long totalLimit, int maxCount, int maxAgeHours) {
    }

    public record Orders(int payWithinSeconds) {
    }

    /**
     * BCM pins of the indicators. {@code provider}: "auto" (gpiod where /dev/gpiochip0 exists,
     * else mock), "gpiod" or "mock".
     */
    public record Gpio(String provider, int onlineLed, int offlineLed, int alertLed, int buzzer,
                       Optional<Integer> modemPowerKey) {
    }

    /** {@code level}: tinylog level for the console and the rolling file under data.dir/logs. */
    public record Log(String level) {
    }
}
