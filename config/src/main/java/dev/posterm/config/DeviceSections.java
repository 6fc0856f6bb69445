package dev.posterm.config;

import dev.posterm.config.PostermConfig.Gpio;
import dev.posterm.config.PostermConfig.Modem;
import dev.posterm.config.PostermConfig.SerialPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads [reader], [printer], [modem] and [gpio]: where the peripherals are attached. */
final class DeviceSections {

    static final List<Long> BAUD_RATES = List.of(1200L, 2400L, 4800L, 9600L, 19200L, 38400L, 57600L, 115200L,
            230400L, 460800L, 921600L);
    static final List<String> GPIO_PROVIDERS = List.of("auto", "gpiod", "mock");
    /** The BCM GPIO numbers on the 40-pin header. */
    static final int MAX_BCM_PIN = 27;

    private DeviceSections() {
    }

    /** [reader] or [printer]: a port that must be given, and its baud rate. */
    static SerialPort serial(Section s, long defaultBaud, String meaning) {
        String port = s.requiredText("port", meaning + ": a serial device path or tcp:HOST:PORT");
        Integer baud = baud(s, defaultBaud);
        return new SerialPort(checkedPort(s, port), baud == null ? 0 : baud);
    }

    /** [modem]: "none" (the default) when the uplink is wired. */
    static Modem modem(Section s) {
        String port = s.text("port").orElse(s.has("port") ? null : "none");
        Integer baud = baud(s, 115_200);
        if ("none".equals(port)) {
            return new Modem(Optional.empty(), baud == null ? 0 : baud);
        }
        return new Modem(Optional.ofNullable(checkedPort(s, port)), baud == null ? 0 : baud);
    }

    static Gpio gpio(Section s) {
        String provider = s.text("provider").orElse(s.has("provider") ? null : "auto");
        if (provider != null && !GPIO_PROVIDERS.contains(provider)) {
            s.problems().at(s.path("provider"), "must be one of auto, gpiod, mock, was '" + provider + "'");
        }
        Map<String, Long> pins = new LinkedHashMap<>();
        Long online = pin(s, "online_led", 17, pins);
        Long offline = pin(s, "offline_led", 27, pins);
        Long alert = pin(s, "alert_led", 22, pins);
        Long buzzer = pin(s, "buzzer", 23, pins);
        Optional<Long> powerKey = s.optionalInteger("modem_power_key", 0, MAX_BCM_PIN);
        powerKey.ifPresent(p -> claim(s, "modem_power_key", p, pins));
        Optional<Long> tamper = s.optionalInteger("tamper", 0, MAX_BCM_PIN);
        tamper.ifPresent(p -> claim(s, "tamper", p, pins));
        Optional<Long> serviceButton = s.optionalInteger("service_button", 0, MAX_BCM_PIN);
        serviceButton.ifPresent(p -> claim(s, "service_button", p, pins));
        return new Gpio(provider, intOf(online), intOf(offline), intOf(alert), intOf(buzzer),
                powerKey.map(Long::intValue), tamper.map(Long::intValue), serviceButton.map(Long::intValue));
    }

    private static Long pin(Section s, String key, long fallback, Map<String, Long> pins) {
        Long pin = s.integer(key, fallback, 0, MAX_BCM_PIN);
        if (pin != null) {
            claim(s, key, pin, pins);
        }
        return pin;
    }

    /** Two roles on one pin would fight over it; the later key is reported. */
    private static void claim(Section s, String key, long pin, Map<String, Long> pins) {
        pins.entrySet().stream().filter(e -> e.getValue() == pin).findFirst().ifPresentOrElse(
                taken -> s.problems().at(s.path(key), "BCM " + pin + " is already used by gpio." + taken.getKey()),
                () -> pins.put(key, pin));
    }

    /** An absolute device path or tcp:HOST:PORT; null (reported) otherwise. */
    static String checkedPort(Section s, String port) {
        if (port == null) {
            return null;
        }
        boolean valid = port.startsWith("tcp:") ? HostPort.parse(port.substring(4)).isPresent()
                : port.startsWith("/") && port.length() > 1 && port.chars().noneMatch(c -> c <= ' ');
        if (!valid) {
            s.problems().at(s.path("port"), "must be a device path such as /dev/ttyUSB0 or tcp:HOST:PORT, was '"
                    + port + "'");
            return null;
        }
        return port;
    }

    static Integer baud(Section s, long fallback) {
        Long baud = s.integer("baud", fallback, 1, 4_000_000);
        if (baud != null && !BAUD_RATES.contains(baud)) {
            s.problems().at(s.path("baud"), "must be a standard rate (" + BAUD_RATES + "), was " + baud);
            return null;
        }
        return baud == null ? null : baud.intValue();
    }

    private static int intOf(Long value) {
        return value == null ? -1 : value.intValue();
    }
}
