package dev.posterm.core.wallet;

/** The wallet behind a payment code, as the gateway names it in answers ({@code wallet}). */
public enum Wallet {
    WECHAT, ALIPAY, UNIONPAY
}
