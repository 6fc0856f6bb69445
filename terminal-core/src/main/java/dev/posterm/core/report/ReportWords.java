package dev.posterm.core.report;

import java.util.Map;

/** The words of a shift report in the terminal's language (结算单 / 交易汇总 conventions for zh-CN). */
record ReportWords(Map<String, String> words) {
    static final ReportWords EN = new ReportWords(Map.ofEntries(
            Map.entry("X", "X REPORT - BATCH NOT CLOSED"), Map.entry("Z", "Z REPORT - BATCH CLOSED"),
            Map.entry("merchant", "MERCHANT"), Map.entry("terminal", "TERMINAL"), Map.entry("batch", "BATCH NO"),
            Map.entry("opened", "OPENED"), Map.entry("closed", "CLOSED"), Map.entry("printed", "PRINTED"),
            Map.entry("sales", "SALES"), Map.entry("CARD", "CARD"), Map.entry("QR", "QR"), Map.entry("CASH", "CASH"),
            Map.entry("byBrand", "CARD SALES BY BRAND"), Map.entry("byWallet", "QR SALES BY WALLET"),
            Map.entry("VISA", "VISA"), Map.entry("MASTERCARD", "MASTERCARD"), Map.entry("UNIONPAY", "UNIONPAY"),
            Map.entry("JCB", "JCB"), Map.entry("AMEX", "AMEX"), Map.entry("DISCOVER", "DISCOVER"),
            Map.entry("OTHER", "OTHER"), Map.entry("WECHAT", "WeChat Pay"), Map.entry("ALIPAY", "Alipay"),
            Map.entry("refunds", "REFUNDS"), Map.entry("voids", "VOIDS"), Map.entry("net", "NET (SALES - REFUNDS)"),
            Map.entry("offline", "OFFLINE, ACCEPTED"), Map.entry("declinedAfterForwarding", "OFFLINE, DECLINED"),
            Map.entry("carriedOver", "CARRIED OVER"),
            Map.entry("xFoot", "SHIFT SO FAR - NOTHING SETTLED"), Map.entry("zFoot", "END OF BATCH")));

    static final ReportWords ZH = new ReportWords(Map.ofEntries(
            Map.entry("X", "X报表 - 批次未结"), Map.entry("Z", "Z报表 - 批次已结算"),
            Map.entry("merchant", "商户号"), Map.entry("terminal", "终端号"), Map.entry("batch", "批次号"),
            Map.entry("opened", "开始时间"), Map.entry("closed", "结算时间"), Map.entry("printed", "打印时间"),
            Map.entry("sales", "消费"), Map.entry("CARD", "银行卡"), Map.entry("QR", "扫码"), Map.entry("CASH", "现金"),
            Map.entry("byBrand", "银行卡消费（按卡组织）"), Map.entry("byWallet", "扫码消费（按钱包）"),
            Map.entry("VISA", "VISA"), Map.entry("MASTERCARD", "万事达"), Map.entry("UNIONPAY", "银联"),
            Map.entry("JCB", "JCB"), Map.entry("AMEX", "美国运通"), Map.entry("DISCOVER", "发现卡"),
            Map.entry("OTHER", "其他"), Map.entry("WECHAT", "微信支付"), Map.entry("ALIPAY", "支付宝"),
            Map.entry("refunds", "退货"), Map.entry("voids", "撤销"), Map.entry("net", "净额（消费-退货）"),
            Map.entry("offline", "离线交易（已上送）"), Map.entry("declinedAfterForwarding", "离线交易（上送被拒）"),
            Map.entry("carriedOver", "转入下一批次"),
            Map.entry("xFoot", "本班至今 未结算"), Map.entry("zFoot", "批次结束")));

    String of(String key) {
        return words.getOrDefault(key, key);
    }
}
