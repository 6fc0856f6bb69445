package dev.posterm.core.errors;

import java.util.Optional;

/**
 * The host's response codes (ISO 8583 field 39) that {@code host-link.md} lists, each with what a
 * cashier reads: what happened and what to do, in English and Simplified Chinese. docs/errors.md
 * lists them; {@code ErrorCatalogueTest} keeps the two in step.
 *
 * <p>Lost and stolen cards (41, 43) are told to the customer as a plain decline ({@link #toCustomer}):
 * the real reason stays in the journal (the card's response code and the payment's history), so a
 * cashier is not put in the position of accusing the person at the counter.
 */
public enum HostResponse {
    APPROVED("00", "Approved.", "交易成功。"),
    DO_NOT_HONOUR("05", "Declined by the card issuer. Ask for another payment method.",
            "发卡行拒绝交易。请改用其他支付方式。"),
    INVALID_TRANSACTION("12", "The card issuer does not accept this kind of payment for this card. Ask for another payment method; if every card is refused so, call support.",
            "发卡行不受理此卡的该类交易。请改用其他支付方式；如每张卡都被如此拒绝，请联系技术支持。"),
    INVALID_AMOUNT("13", "The bank refused the amount. Check the order's amount and start the payment again; if it is refused again, call support.",
            "银行拒绝该金额。请核对订单金额后重新发起支付；如仍被拒绝，请联系技术支持。"),
    INVALID_CARD_NUMBER("14", "The card number is not valid at the issuer. Ask for another card.",
            "发卡行认定卡号无效。请换一张卡。"),
    FORMAT_ERROR("30", "The bank could not read the terminal's request; nothing was charged. Start the payment again; if it happens again, call support.",
            "银行无法识别终端的请求，本次未扣款。请重新发起支付；如再次发生，请联系技术支持。"),
    /** Never shown: the customer is told {@link #DO_NOT_HONOUR}'s words; this stays in the journal. */
    LOST_CARD("41", "The issuer reports the card lost. Shown to the customer as a plain decline.",
            "发卡行报告此卡已挂失。对顾客仅显示为一般拒绝。"),
    /** Never shown: as {@link #LOST_CARD}. */
    STOLEN_CARD("43", "The issuer reports the card stolen. Shown to the customer as a plain decline.",
            "发卡行报告此卡被盗。对顾客仅显示为一般拒绝。"),
    INSUFFICIENT_FUNDS("51", "Insufficient funds on the card. Ask the customer for another payment method.",
            "卡内余额不足。请顾客改用其他支付方式。"),
    EXPIRED_CARD("54", "The card has expired. Ask for another card or payment method.",
            "卡片已过期。请换一张卡或改用其他支付方式。"),
    INCORRECT_PIN("55", "Wrong PIN. Start the payment again and ask the customer to enter the PIN again.",
            "密码错误。请重新发起支付，并请顾客重新输入密码。"),
    NOT_PERMITTED_TO_TERMINAL("58", "This card may not be used at this terminal. Ask for another payment method; if every card is refused so, call support.",
            "此卡不能在本终端使用。请改用其他支付方式；如每张卡都被如此拒绝，请联系技术支持。"),
    EXCEEDS_AMOUNT_LIMIT("61", "The amount is over the card's limit. Ask for another payment method, or pay part another way.",
            "金额超过卡片限额。请改用其他支付方式，或部分金额用其他方式支付。"),
    EXCEEDS_FREQUENCY_LIMIT("65", "The card has been used too many times for now. Ask for another payment method.",
            "卡片使用次数已超过限制。请改用其他支付方式。"),
    ISSUER_UNAVAILABLE("91", "The card issuer cannot be reached right now; nothing was charged. Try again in a moment, or ask for another payment method.",
            "发卡行暂时无法连接，本次未扣款。请稍后重试，或改用其他支付方式。"),
    DUPLICATE_TRANSMISSION("94", "The bank took this as a repeat of an earlier payment and declined it. Check whether the order is already paid before taking payment again; if unsure, call support.",
            "银行认为这是之前一笔交易的重复并拒绝。再次收款前请先核对订单是否已支付；如无法确定，请联系技术支持。"),
    RECONCILE_ERROR("95", "The bank's totals differ from the terminal's. Do not close the day again; call support.",
            "银行与终端的对账金额不一致。请勿再次结算，请联系技术支持。"),
    SYSTEM_MALFUNCTION("96", "The bank had a system fault; nothing was charged. Try again in a moment or ask for another payment method; if it persists, call support.",
            "银行系统故障，本次未扣款。请稍后重试或改用其他支付方式；如持续发生，请联系技术支持。");

    private final String code;
    private final String english;
    private final String chinese;

    HostResponse(String code, String english, String chinese) {
        this.code = code;
        this.english = english;
        this.chinese = chinese;
    }

    /** The two characters of field 39. */
    public String code() {
        return code;
    }

    public CashierMessage message() {
        return new CashierMessage(english, chinese);
    }

    /** The code's entry, if {@code host-link.md} lists it. */
    public static Optional<HostResponse> of(String code) {
        for (HostResponse r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether the reason is kept from the customer (and so from slips and the API): lost or stolen card. */
    public boolean discreet() {
        return this == LOST_CARD || this == STOLEN_CARD;
    }

    /** What the customer may be told: a plain decline for a lost or stolen card, else this. */
    public HostResponse toCustomer() {
        return discreet() ? DO_NOT_HONOUR : this;
    }
}
