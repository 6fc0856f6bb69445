package dev.posterm.core.wallet;

/**
 * The customer's payment code ("付款码") read from the phone: 16 to 24 digits whose prefix names the
 * wallet (wallet-gateway.md, {@code authCode}):
 * <pre>
 *   WeChat Pay   10..15, 18 digits
 *   Alipay       25..30, 16..24 digits
 *   UnionPay QR  62,     19 digits
 * </pre>
 * Anything else (a product's EAN-13, a loyalty card, a URL from a QR sticker) is refused before the
 * gateway is called. A code is a bearer credential for about a minute, so {@link #toString()} masks
 * it: only the wallet prefix and the last four digits ever reach a log or a message.
 */
public record AuthCode(String digits, Wallet wallet) {

    /** What {@link #read} made of a scanned text. */
    public sealed interface Reading {
    }

    /** @param why what is wrong, in words a cashier's support can act on; never the code itself */
    public record NotAPaymentCode(String why) implements Reading {
    }

    public AuthCode {
        if (digits == null || walletOf(digits) == null || walletOf(digits) != wallet) {
            throw new IllegalArgumentException("not a " + wallet + " payment code: " + mask(digits));
        }
    }

    /** A payment code that passed the prefix and length rules. */
    public record Valid(AuthCode code) implements Reading {
    }

    /** Reads a scanned or typed text; surrounding spaces are not trimmed (a scanner sends none). */
    public static Reading read(String text) {
        if (text == null || text.isEmpty()) {
            return new NotAPaymentCode("empty");
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new NotAPaymentCode("not all digits (" + text.length() + " characters)");
        }
        Wallet wallet = walletOf(text);
        if (wallet == null) {
            int length = text.length();
            return new NotAPaymentCode(length + " digits starting " + (length >= 2 ? text.substring(0, 2) : "")
                    + ": no WeChat Pay (10..15, 18 digits), Alipay (25..30, 16..24) or UnionPay (62, 19) code");
        }
        return new Valid(new AuthCode(text, wallet));
    }

    /** The wallet whose prefix and length rules {@code text} meets, or null. */
    private static Wallet walletOf(String text) {
        int length = text.length();
        if (length < 16 || length > 24 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int prefix = Integer.parseInt(text.substring(0, 2));
        if (prefix >= 10 && prefix <= 15 && length == 18) {
            return Wallet.WECHAT;
        }
        if (prefix >= 25 && prefix <= 30) {
            return Wallet.ALIPAY;
        }
        return prefix == 62 && length == 19 ? Wallet.UNIONPAY : null;
    }

    @Override
    public String toString() {
        return wallet + " " + mask(digits);
    }

    /** Prefix (two digits) and last four; the rest as '*'. Short or odd input is masked whole. */
    static String mask(String text) {
        if (text == null) {
            return "null";
        }
        if (text.length() < 10) {
            return "*".repeat(text.length());
        }
        return text.substring(0, 2) + "*".repeat(text.length() - 6) + text.substring(text.length() - 4);
    }
}
