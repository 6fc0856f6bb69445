package dev.posterm.drivers.reader;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The {@code S} frame: asks the reader to collect a card for an amount.
 *
 * @param amountMinor     9F02, minor units (n12, BCD on the wire)
 * @param currencyNumeric 5F2A, ISO 4217 numeric (n3), e.g. 156 for CNY
 * @param type            9C
 * @param localTime       9A and 9F21: the terminal's local date and time
 * @param timeoutSeconds  DF10: how long the reader waits for a card (1..255)
 * @param onlineCapable   DF11: whether the terminal can go online now
 */
public record StartTransaction(long amountMinor, int currencyNumeric, TransactionType type,
                               LocalDateTime localTime, int timeoutSeconds, boolean onlineCapable) {
    public StartTransaction {
        if (amountMinor < 0 || amountMinor > 999_999_999_999L) {
            throw new IllegalArgumentException("amount must fit n12, was " + amountMinor);
        }
        if (currencyNumeric < 0 || currencyNumeric > 999) {
            throw new IllegalArgumentException("currency must be n3, was " + currencyNumeric);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(localTime, "localTime");
        if (timeoutSeconds < 1 || timeoutSeconds > 255) {
            throw new IllegalArgumentException("timeout must be 1..255 s, was " + timeoutSeconds);
        }
    }
}
