package dev.posterm.core.receipt;

import java.util.Map;

/**
 * The words of a slip in the terminal's language. A cashier or customer reads these, so each is
 * the usual wording of Chinese and English card slips (签购单 conventions for zh-CN).
 */
record SlipWords(Map<String, String> words) {
    static final SlipWords EN = new SlipWords(Map.ofEntries(
            Map.entry("MERCHANT", "MERCHANT COPY"), Map.entry("CUSTOMER", "CUSTOMER COPY"),
            Map.entry("DECLINE", "CUSTOMER COPY"), Map.entry("REPRINT", "COPY - REPRINT"),
            Map.entry("terminal", "TERMINAL"), Map.entry("merchant", "MERCHANT"), Map.entry("date", "DATE/TIME"),
            Map.entry("type", "TYPE"), Map.entry("sale", "SALE"), Map.entry("card", "CARD"),
            Map.entry("entry", "ENTRY"), Map.entry("aid", "AID"), Map.entry("app", "APP"),
            Map.entry("amount", "AMOUNT"), Map.entry("stan", "TRACE NO"), Map.entry("rrn", "REF NO"),
            Map.entry("auth", "AUTH CODE"), Map.entry("rc", "RESP CODE"),
            Map.entry("APPROVED", "APPROVED"), Map.entry("APPROVED_OFFLINE", "APPROVED OFFLINE"),
            Map.entry("DECLINED", "DECLINED"), Map.entry("FAILED", "NOT COMPLETED - NOT CHARGED"),
            Map.entry("REVERSED", "CANCELLED - NOT CHARGED"), Map.entry("CANCELLED", "CANCELLED"),
            Map.entry("CHIP", "CHIP"), Map.entry("CONTACTLESS", "CONTACTLESS"), Map.entry("MAGSTRIPE", "SWIPE"),
            Map.entry("FALLBACK_SWIPE", "FALLBACK SWIPE"),
            Map.entry("sign", "NO SIGNATURE REQUIRED"), Map.entry("thanks", "THANK YOU"),
            Map.entry("keep", "PLEASE KEEP THIS SLIP"),
            Map.entry("interrupted", "REPRINT - FIRST PRINT INTERRUPTED"),
            Map.entry("method", "PAID BY"), Map.entry("cash", "CASH"), Map.entry("tendered", "CASH TENDERED"),
            Map.entry("change", "CHANGE"), Map.entry("CASH_PAID", "PAID IN CASH"), Map.entry("support", "SUPPORT"),
            Map.entry("wallet", "WALLET"), Map.entry("WECHAT", "WeChat Pay"), Map.entry("ALIPAY", "Alipay"),
            Map.entry("UNIONPAY", "UnionPay QR"), Map.entry("outTradeNo", "ORDER NO"),
            Map.entry("tradeNo", "WALLET TRADE NO"),
            Map.entry("VOID", "VOID"), Map.entry("REFUND", "REFUND"), Map.entry("VOIDED", "VOIDED"),
            Map.entry("REFUNDED", "REFUNDED"), Map.entry("VOID_APPROVED", "VOID APPROVED"),
            Map.entry("REFUND_APPROVED", "REFUND APPROVED"), Map.entry("REFUND_DECLINED", "REFUND DECLINED"),
            Map.entry("REFUND_FAILED", "REFUND NOT COMPLETED"), Map.entry("VOID_DECLINED", "VOID DECLINED"),
            Map.entry("VOID_FAILED", "VOID NOT COMPLETED"), Map.entry("CASH_REFUNDED", "REFUNDED IN CASH")));

    static final SlipWords ZH = new SlipWords(Map.ofEntries(
            Map.entry("MERCHANT", "商户存根"), Map.entry("CUSTOMER", "持卡人存根"),
            Map.entry("DECLINE", "持卡人存根"), Map.entry("REPRINT", "重打印 副本"),
            Map.entry("terminal", "终端号"), Map.entry("merchant", "商户号"), Map.entry("date", "日期时间"),
            Map.entry("type", "交易类型"), Map.entry("sale", "消费"), Map.entry("card", "卡号"),
            Map.entry("entry", "输入方式"), Map.entry("aid", "AID"), Map.entry("app", "应用"),
            Map.entry("amount", "金额"), Map.entry("stan", "凭证号"), Map.entry("rrn", "参考号"),
            Map.entry("auth", "授权码"), Map.entry("rc", "应答码"),
            Map.entry("APPROVED", "交易成功"), Map.entry("APPROVED_OFFLINE", "离线批准"),
            Map.entry("DECLINED", "交易拒绝"), Map.entry("FAILED", "交易未完成 未扣款"),
            Map.entry("REVERSED", "交易已撤销 未扣款"), Map.entry("CANCELLED", "交易已取消"),
            Map.entry("CHIP", "插卡"), Map.entry("CONTACTLESS", "挥卡"), Map.entry("MAGSTRIPE", "刷卡"),
            Map.entry("FALLBACK_SWIPE", "降级刷卡"),
            Map.entry("sign", "免签名"), Map.entry("thanks", "谢谢惠顾"), Map.entry("keep", "请妥善保管"),
            Map.entry("interrupted", "重打印 - 前次打印中断"),
            Map.entry("method", "支付方式"), Map.entry("cash", "现金"), Map.entry("tendered", "实收现金"),
            Map.entry("change", "找零"), Map.entry("CASH_PAID", "现金收讫"), Map.entry("support", "技术支持"),
            Map.entry("wallet", "支付方式"), Map.entry("WECHAT", "微信支付"), Map.entry("ALIPAY", "支付宝"),
            Map.entry("UNIONPAY", "银联二维码"), Map.entry("outTradeNo", "商户单号"),
            Map.entry("tradeNo", "交易单号"),
            Map.entry("VOID", "撤销"), Map.entry("REFUND", "退货"), Map.entry("VOIDED", "已撤销"),
            Map.entry("REFUNDED", "已退货"), Map.entry("VOID_APPROVED", "撤销成功"),
            Map.entry("REFUND_APPROVED", "退货成功"), Map.entry("REFUND_DECLINED", "退货被拒"),
            Map.entry("REFUND_FAILED", "退货未完成"), Map.entry("VOID_DECLINED", "撤销被拒"),
            Map.entry("VOID_FAILED", "撤销未完成"), Map.entry("CASH_REFUNDED", "现金已退")));

    String of(String key) {
        return words.getOrDefault(key, key);
    }
}
