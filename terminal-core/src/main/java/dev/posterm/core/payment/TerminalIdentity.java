package dev.posterm.core.payment;

import java.time.ZoneId;

/**
 * Who this terminal is to the host and on slips.
 *
 * @param terminalId      field 41
 * @param merchantId      field 42
 * @param currency        ISO 4217 alphabetic
 * @param currencyNumeric field 49 and tag 5F2A
 * @param currencyDigits  minor-unit digits, for printing
 * @param zone            the terminal's local time zone (fields 12/13, slips)
 */
public record TerminalIdentity(String terminalId, String merchantId, String merchantName, String currency,
                               int currencyNumeric, int currencyDigits, ZoneId zone) {
}
