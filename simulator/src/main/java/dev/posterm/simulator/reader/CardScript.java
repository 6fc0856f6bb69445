package dev.posterm.simulator.reader;

import java.time.Duration;
import java.util.Objects;

/**
 * What the card does in one transaction: which card is presented, how it is read, what the
 * first GENERATE AC says, and what it does after the controller's {@code A}.
 *
 * <p>Scripts are queued on the {@link ReaderSimulator}; each {@code S} takes the next one (an
 * online chip card when the queue is empty). Test PANs are well-known Luhn-valid test numbers:
 * Visa 4761739001010119, Mastercard 5413330089020011, UnionPay-like 6212345678901232.
 * {@link #toString()} masks the PAN.
 */
public final class CardScript {
    public static final String VISA_PAN = "4761739001010119";
    public static final String MASTERCARD_PAN = "5413330089020011";
    public static final String UNIONPAY_PAN = "6212345678901232";
    public static final String DEFAULT_EXPIRY = "301231";

    /** What the card answers to {@code A}. */
    public enum Final {
        /** TC when the host approved (DF20 01) or the terminal could not go online (03), else AAC. */
        FOLLOW_HOST,
        /** AAC whatever the host said: the host approval must then be reversed. */
        DECLINE,
        /** The card is pulled out: {@code E} with DF50 01 instead of {@code F}. */
        CARD_REMOVED
    }

    final String name;
    final String pan;
    final String expiry;
    final String serviceCode;
    final EntryMode entryMode;
    final int firstCid;
    final Final finalAnswer;
    /** Non-zero: the reader answers {@code S} with {@code E} carrying this DF50 code. */
    final int errorCode;
    /** When the error comes; null means at the end of the S timeout (DF10). */
    final Duration errorAfter;
    /** How long after {@code S} the card is presented and read. */
    final Duration presentedAfter;

    private CardScript(String name, String pan, String expiry, String serviceCode, EntryMode entryMode,
                       int firstCid, Final finalAnswer, int errorCode, Duration errorAfter,
                       Duration presentedAfter) {
        this.name = name;
        this.pan = pan;
        this.expiry = expiry;
        this.serviceCode = serviceCode;
        this.entryMode = entryMode;
        this.firstCid = firstCid;
        this.finalAnswer = finalAnswer;
        this.errorCode = errorCode;
        this.errorAfter = errorAfter;
        this.presentedAfter = presentedAfter;
    }

    private static CardScript chip(String name, String pan, EntryMode mode, int cid, Final fin) {
        String service = mode == EntryMode.MAGSTRIPE ? "101" : "201";
        return new CardScript(name, pan, DEFAULT_EXPIRY, service, mode, cid, fin, 0, null, Duration.ZERO);
    }

    /** Visa chip card asking to go online (CID 80); follows the host in {@code F}. The default. */
    public static CardScript onlineChip() {
        return chip("onlineChip", VISA_PAN, EntryMode.CHIP, 0x80, Final.FOLLOW_HOST);
    }

    /** Visa chip card that declines at once (C with CID 00, AAC). */
    public static CardScript cardDeclines() {
        return chip("cardDeclines", VISA_PAN, EntryMode.CHIP, 0x00, Final.FOLLOW_HOST);
    }

    /** Visa chip card that approves offline at once (C with CID 40, TC); no A expected. */
    public static CardScript offlineApproves() {
        return chip("offlineApproves", VISA_PAN, EntryMode.CHIP, 0x40, Final.FOLLOW_HOST);
    }

    /** Visa chip card going online, then answering AAC in F even after DF20 01. */
    public static CardScript declinesAfterHostApproval() {
        return chip("declinesAfterHostApproval", VISA_PAN, EntryMode.CHIP, 0x80, Final.DECLINE);
    }

    /** Visa chip card going online, then pulled out: E 01 instead of F. */
    public static CardScript removedBeforeFinal() {
        return chip("removedBeforeFinal", VISA_PAN, EntryMode.CHIP, 0x80, Final.CARD_REMOVED);
    }

    /** Mastercard tapped (DF40 02), CID 80, chip data present; F follows the host. */
    public static CardScript contactless() {
        return chip("contactless", MASTERCARD_PAN, EntryMode.CONTACTLESS, 0x80, Final.FOLLOW_HOST);
    }

    /** UnionPay-like magstripe-only card swiped (DF40 03, service code 101): no chip data, CID 80. */
    public static CardScript magstripe() {
        return chip("magstripe", UNIONPAY_PAN, EntryMode.MAGSTRIPE, 0x80, Final.FOLLOW_HOST);
    }

    /** Visa chip card swiped after a chip failure (DF40 04, service code 201): no chip data, CID 80. */
    public static CardScript fallbackSwipe() {
        return chip("fallbackSwipe", VISA_PAN, EntryMode.FALLBACK_SWIPE, 0x80, Final.FOLLOW_HOST);
    }

    /** No card is presented: E with DF50 03 when the S timeout (DF10 seconds) runs out. */
    public static CardScript noCard() {
        return error("noCard", 0x03, null);
    }

    /** No card is presented: E with DF50 03 after {@code after} (to keep tests short). */
    public static CardScript noCard(Duration after) {
        return error("noCard", 0x03, Objects.requireNonNull(after));
    }

    /** The read fails with the given DF50 code (02 read failure, 05 blocked, 06 no app, 07 fallback). */
    public static CardScript readError(int df50) {
        return error("readError" + df50, df50, Duration.ZERO);
    }

    private static CardScript error(String name, int code, Duration after) {
        return new CardScript(name, VISA_PAN, DEFAULT_EXPIRY, "201", EntryMode.CHIP, 0x80, Final.FOLLOW_HOST,
                code, after, Duration.ZERO);
    }

    /** The same script with another card number (digits only, 12..19). */
    public CardScript withPan(String newPan) {
        if (!newPan.matches("\\d{12,19}")) {
            throw new IllegalArgumentException("a PAN is 12 to 19 digits");
        }
        return new CardScript(name, newPan, expiry, serviceCode, entryMode, firstCid, finalAnswer, errorCode,
                errorAfter, presentedAfter);
    }

    /** The same script with another expiry, YYMMDD. */
    public CardScript withExpiry(String yymmdd) {
        if (!yymmdd.matches("\\d{6}")) {
            throw new IllegalArgumentException("an expiry is YYMMDD");
        }
        return new CardScript(name, pan, yymmdd, serviceCode, entryMode, firstCid, finalAnswer, errorCode,
                errorAfter, presentedAfter);
    }

    /** The same script with the card presented only after {@code delay} (an X before then cancels). */
    public CardScript presentedAfter(Duration delay) {
        return new CardScript(name, pan, expiry, serviceCode, entryMode, firstCid, finalAnswer, errorCode,
                errorAfter, Objects.requireNonNull(delay));
    }

    public String name() {
        return name;
    }

    /** The card number this script presents (test data; keep it out of logs all the same). */
    public String pan() {
        return pan;
    }

    public EntryMode entryMode() {
        return entryMode;
    }

    /** The PAN as receipts and logs may show it: first 6 and last 4. */
    public String maskedPan() {
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    @Override
    public String toString() {
        return name + "(" + maskedPan() + ", " + entryMode + ")";
    }
}
