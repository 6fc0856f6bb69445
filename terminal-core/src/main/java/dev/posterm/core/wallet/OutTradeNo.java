package dev.posterm.core.wallet;

import java.util.regex.Pattern;

/**
 * The merchant's number of one QR payment ({@code outTradeNo}): 6 to 32 characters
 * {@code [A-Za-z0-9_-]}, unique for the merchant forever. Made once, journaled before {@code pay}
 * leaves, and used by every retry, query and reverse of that payment. Made by {@link OutTradeNoMaker}.
 */
public record OutTradeNo(String value) {
    static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{6,32}");

    public OutTradeNo {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("outTradeNo must be 6..32 characters [A-Za-z0-9_-], was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
