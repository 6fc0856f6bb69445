package dev.posterm.core.settlement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One transaction of a closed batch as its settlement row needs it (settlement-file.md, "The CSV").
 * Free-text columns are plain strings, {@code ""} where the file has an empty field; never null.
 * The card is carried as its last four digits only: nothing more of a card can reach this record.
 *
 * <p>{@code outTradeNo} (a QR payment's merchant order number at the wallet) is carried for the
 * back office's future columns but not written: the spec's column list is closed, and peers that
 * verify our files count columns.
 */
public record SettlementRow(Instant time, Type type, Method method, Wallet wallet, long amount, String currency,
                            State state, HostStatus hostStatus, String responseCode, String authCode, String rrn,
                            String stan, EntryMode entryMode, String cardLast4, String orderId, String paymentId,
                            String originalPaymentId, String outTradeNo) {
    /** Field 4 of the host link is n12: no amount beyond it can be a transaction. */
    public static final long MAX_AMOUNT = 999_999_999_999L;
    private static final Pattern LAST4 = Pattern.compile("\\d{4}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern STAN = Pattern.compile("\\d{6}");

    public enum Type { SALE, REFUND, VOID }

    public enum Method { CARD, QR, CASH }

    /** Empty for card and cash. */
    public enum Wallet { NONE, WECHAT, ALIPAY, UNIONPAY }

    /** The final state; REFUNDED is a sale refunded in full. */
    public enum State { APPROVED, APPROVED_OFFLINE, DECLINED, FAILED, CANCELLED, REVERSED, VOIDED, REFUNDED }

    public enum HostStatus { ONLINE, ADVISED, DECLINED_AFTER_FORWARDING, CARRIED_OVER, NONE }

    /** Empty for QR and cash (and a card payment that ended before a card was read). */
    public enum EntryMode { NONE, CHIP, CONTACTLESS, MAGSTRIPE, FALLBACK }

    public SettlementRow {
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.SECONDS);   // the file has seconds; the chain is over the file
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(hostStatus, "hostStatus");
        Objects.requireNonNull(entryMode, "entryMode");
        for (String s : new String[] {responseCode, authCode, rrn, stan, cardLast4, orderId, paymentId,
                originalPaymentId, outTradeNo}) {
            Objects.requireNonNull(s, "empty text is \"\", never null");
        }
        require(amount > 0 && amount <= MAX_AMOUNT, "amount must be positive and at most 12 digits (field 4)");
        require(CURRENCY.matcher(currency).matches(), "currency must be ISO 4217 alphabetic");
        require(cardLast4.isEmpty() || LAST4.matcher(cardLast4).matches(),
                "card_last4 is the last four digits of a card and nothing more");
        require(method == Method.CARD || cardLast4.isEmpty(), "card_last4 only for CARD");
        require((method == Method.QR) == (wallet != Wallet.NONE), "a wallet for QR and only for QR");
        require(method == Method.CARD || entryMode == EntryMode.NONE, "an entry mode only for CARD");
        require(stan.isEmpty() || STAN.matcher(stan).matches(), "stan is 6 digits");
        require(!paymentId.isEmpty() && !orderId.isEmpty(), "order_id and payment_id are required");
        require((type == Type.SALE) == originalPaymentId.isEmpty(),
                "original_payment_id for REFUND and VOID, and only for them");
    }

    private static void require(boolean holds, String rule) {
        if (!holds) {
            throw new IllegalArgumentException("settlement row: " + rule);
        }
    }

    /** Starts a row; every text column empty, NONE for wallet, entry mode and host status. */
    public static Builder builder() {
        return new Builder();
    }

    /** For callers that fill a row column by column from the journal. */
    public static final class Builder {
        private Instant time;
        private Type type = Type.SALE;
        private Method method;
        private Wallet wallet = Wallet.NONE;
        private long amount;
        private String currency;
        private State state;
        private HostStatus hostStatus = HostStatus.NONE;
        private EntryMode entryMode = EntryMode.NONE;
        private String responseCode = "";
        private String authCode = "";
        private String rrn = "";
        private String stan = "";
        private String cardLast4 = "";
        private String orderId = "";
        private String paymentId = "";
        private String originalPaymentId = "";
        private String outTradeNo = "";

        public Builder time(Instant v) { time = v; return this; }
        public Builder type(Type v) { type = v; return this; }
        public Builder method(Method v) { method = v; return this; }
        public Builder wallet(Wallet v) { wallet = v; return this; }
        public Builder amount(long v, String cur) { amount = v; currency = cur; return this; }
        public Builder state(State v) { state = v; return this; }
        public Builder hostStatus(HostStatus v) { hostStatus = v; return this; }
        public Builder entryMode(EntryMode v) { entryMode = v; return this; }
        public Builder responseCode(String v) { responseCode = v; return this; }
        public Builder authCode(String v) { authCode = v; return this; }
        public Builder rrn(String v) { rrn = v; return this; }
        public Builder stan(String v) { stan = v; return this; }
        public Builder cardLast4(String v) { cardLast4 = v; return this; }
        public Builder orderId(String v) { orderId = v; return this; }
        public Builder paymentId(String v) { paymentId = v; return this; }
        public Builder originalPaymentId(String v) { originalPaymentId = v; return this; }
        public Builder outTradeNo(String v) { outTradeNo = v; return this; }

        public SettlementRow build() {
            return new SettlementRow(time, type, method, wallet, amount, currency, state, hostStatus, responseCode,
                    authCode, rrn, stan, entryMode, cardLast4, orderId, paymentId, originalPaymentId, outTradeNo);
        }
    }
}
