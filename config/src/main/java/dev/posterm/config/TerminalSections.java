package dev.posterm.config;

import dev.posterm.config.PostermConfig.Data;
import dev.posterm.config.PostermConfig.Locale;
import dev.posterm.config.PostermConfig.Log;
import dev.posterm.config.PostermConfig.Orders;
import dev.posterm.config.PostermConfig.Terminal;

import java.util.Currency;
import java.util.List;

/**
 * Reads [terminal], [data], [orders] and [log]. A wrong value is reported and left
 * null in the record; the loader never hands out a config that has any problem.
 */
final class TerminalSections {

    /** 999 999 999 999: the most ISO 8583 field 4 (n 12) can carry. */
    static final long MAX_AMOUNT = 999_999_999_999L;
    static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");

    private TerminalSections() {
    }

    static Terminal terminal(Section s) {
        String id = fixedAscii(s, "id", 8, "the terminal id (ISO 8583 field 41)");
        String merchantId = fixedAscii(s, "merchant_id", 15, "the merchant id (ISO 8583 field 42)");
        Currency currency = currency(s);
        Locale locale = locale(s);
        String merchantName = s.text("merchant_name").orElse("posterm");
        if (s.has("merchant_name") && (merchantName.isBlank() || merchantName.length() > 64
                || merchantName.chars().anyMatch(Character::isISOControl))) {
            s.problems().at(s.path("merchant_name"), "must be 1..64 characters without control characters");
        }
        java.util.Optional<String> support = s.text("support_contact");
        if (support.isPresent() && (support.get().isBlank() || support.get().length() > 40
                || support.get().chars().anyMatch(Character::isISOControl))) {
            // 40: one line of a 58 mm slip beside its label would not hold more
            s.problems().at(s.path("support_contact"), "must be 1..40 characters without control characters");
        }
        return new Terminal(id, merchantId, currency == null ? null : currency.getCurrencyCode(),
                currency == null ? 0 : currency.getNumericCode(),
                currency == null ? 0 : currency.getDefaultFractionDigits(), locale, merchantName, support);
    }

    /** Exactly {@code length} printable ASCII characters (ISO 8583 "ans"). */
    private static String fixedAscii(Section s, String key, int length, String meaning) {
        String value = s.requiredText(key, meaning);
        if (value != null && (value.length() != length || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E))) {
            s.problems().at(s.path(key), "must be exactly " + length + " printable ASCII characters, was '"
                    + value + "' (" + value.length() + ")");
            return null;
        }
        return value;
    }

    private static Currency currency(Section s) {
        String code = s.requiredText("currency", "the ISO 4217 alphabetic code, e.g. \"CNY\"");
        if (code == null) {
            return null;
        }
        if (code.matches("[A-Z]{3}")) {
            try {
                Currency currency = Currency.getInstance(code);
                if (currency.getDefaultFractionDigits() >= 0) {
                    return currency;
                }
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
        }
        s.problems().at(s.path("currency"), "must be an ISO 4217 alphabetic currency code in capitals with minor"
                + " units, e.g. \"CNY\", was '" + code + "'");
        return null;
    }

    private static Locale locale(Section s) {
        String tag = s.text("locale").orElse(s.has("locale") ? null : "en");
        for (Locale locale : Locale.values()) {
            if (locale.tag().equals(tag)) {
                return locale;
            }
        }
        if (tag != null) {
            s.problems().at(s.path("locale"), "must be \"zh-CN\" or \"en\", was '" + tag + "'");
        }
        return null;
    }

    static Data data(Section s) {
        if (!s.has("dir")) {
            s.requiredText("dir", "the directory of the journal, keys and settlement files");
            return new Data(null);
        }
        return new Data(s.absolutePath("dir").orElse(null));
    }

    static Orders orders(Section s) {
        Long seconds = s.integer("pay_within_seconds", 900, 1, 86_400);
        Long remind = s.integer("remind_before_seconds", 60, 0, 3_600);
        return new Orders(seconds == null ? 0 : seconds.intValue(), remind == null ? 0 : remind.intValue());
    }

    static Log log(Section s) {
        String level = s.text("level").orElse(s.has("level") ? null : "info");
        if (level != null && !LOG_LEVELS.contains(level)) {
            s.problems().at(s.path("level"), "must be one of " + String.join(", ", LOG_LEVELS) + ", was '"
                    + level + "'");
            level = null;
        }
        return new Log(level);
    }
}
