package dev.posterm.core.errors;

/**
 * The controller's catalogue of errors a person may read: on the API (problem+json
 * {@code errorCode} and {@code message}), on the reader display and on slips. Every code has an
 * HTTP status for the API and a message in English and Simplified Chinese that tells the cashier
 * what to do, not what went wrong inside. docs/errors.md lists them.
 */
public enum ErrorCode {
    // Requests (400..409)
    BAD_REQUEST(400, "The request is not valid.", "请求无效。"),
    UNAUTHORIZED(401, "Missing or wrong access token.", "缺少访问令牌或令牌错误。"),
    FORBIDDEN(403, "This token may not do this.", "此令牌无权执行该操作。"),
    NOT_FOUND(404, "No such resource.", "未找到该资源。"),
    METHOD_NOT_ALLOWED(405, "This method is not allowed here.", "此处不允许该方法。"),
    NOT_IMPLEMENTED(501, "This call is not available yet in this version of the terminal.", "此版本终端暂不支持该操作。"),
    ORDER_NOT_FOUND(404, "No order with this id.", "找不到该订单。"),
    PAYMENT_NOT_FOUND(404, "No payment with this id.", "找不到该支付。"),
    ORDER_CONFLICT(409, "An order with this id exists with different details.", "该订单号已存在且内容不同。"),
    ORDER_NOT_PAYABLE(409, "This order cannot be paid now (already paid, paying, expired or cancelled).",
            "该订单当前无法支付（已支付、支付中、已过期或已取消）。"),
    ORDER_NOT_CANCELLABLE(409, "Only an unpaid order can be cancelled.", "只能取消未支付的订单。"),
    PAYMENT_NOT_CANCELLABLE(409, "The card has already been read; this payment can no longer be cancelled.",
            "已读取卡片，此支付无法取消。"),
    NO_RECEIPT_TO_COPY(409, "This payment has no receipt to copy yet: it is still in progress, or no card was read.",
            "该支付暂无可重打的小票：支付仍在进行中，或未读取卡片。"),
    PAYMENT_METHOD_UNSUPPORTED(422, "This payment method is not available on this terminal.", "本终端不支持该支付方式。"),
    CURRENCY_MISMATCH(400, "The currency is not the terminal's currency.", "币种与终端币种不一致。"),
    TERMINAL_BUSY(409, "Another card payment is in progress. Wait for it to finish.", "另一笔刷卡支付正在进行，请稍候。"),

    // Payment outcomes (reported in the payment, not as HTTP errors)
    HOST_DECLINED(200, "Declined by the card issuer. Ask for another payment method.", "发卡行拒绝。请改用其他支付方式。"),
    CARD_DECLINED(200, "Declined by the card. Ask for another payment method.", "卡片拒绝交易。请改用其他支付方式。"),
    CARD_REMOVED(200, "The card was removed too early. Start the payment again.", "卡片过早移除。请重新发起支付。"),
    CARD_READ_FAILED(200, "The card could not be read. Try again or use another card.", "无法读取卡片。请重试或换一张卡。"),
    NO_CARD(200, "No card was presented in time. Start the payment again.", "超时未出示卡片。请重新发起支付。"),
    CARD_BLOCKED(200, "The card is blocked. Ask for another payment method.", "卡片已锁定。请改用其他支付方式。"),
    NO_SUPPORTED_APPLICATION(200, "This card is not accepted here. Ask for another card.", "本终端不受理此卡。请换一张卡。"),
    FALLBACK_REQUIRED(200, "The chip could not be used. Swipe the card.", "芯片无法使用，请刷磁条。"),
    CANCELLED(200, "The payment was cancelled.", "支付已取消。"),
    READER_UNAVAILABLE(200, "The card reader is not responding. Check its cable; use another payment method meanwhile.",
            "读卡器无响应。请检查连接线，暂时改用其他支付方式。"),
    READER_FAULT(200, "The card reader reported a fault. Start the payment again.", "读卡器故障。请重新发起支付。"),
    HOST_UNREACHABLE(200, "The payment network cannot be reached. Ask for another payment method.",
            "无法连接支付网络。请改用其他支付方式。"),
    HOST_TIMEOUT(200, "The bank did not answer in time; the payment was not taken and is being reversed. Ask for another payment method.",
            "银行未及时响应，本次未扣款并正在冲正。请改用其他支付方式。"),
    OFFLINE_DISABLED(200, "The bank cannot be reached and offline payments are switched off. Ask for another payment method.",
            "无法连接银行，且未开启离线支付。请改用其他支付方式。"),
    OFFLINE_NOT_FOR_THIS_CARD(200, "The bank cannot be reached and this card cannot be accepted offline. Ask for another payment method.",
            "无法连接银行，此卡不能离线受理。请改用其他支付方式。"),
    OFFLINE_FLOOR_EXCEEDED(200, "The bank cannot be reached and the amount is above the offline limit. Ask for another payment method.",
            "无法连接银行，金额超过离线限额。请改用其他支付方式。"),
    OFFLINE_LIMIT_REACHED(200, "The bank cannot be reached and the terminal holds as many offline payments as it may. Ask for another payment method.",
            "无法连接银行，终端离线交易已达上限。请改用其他支付方式。"),
    ONLINE_REQUIRED(200, "The bank cannot be reached and this payment must be approved online. Ask for another payment method.",
            "无法连接银行，此笔支付必须联机批准。请改用其他支付方式。"),
    CARD_DECLINED_OFFLINE(200, "Declined by the card offline. Ask for another payment method.", "卡片离线拒绝。请改用其他支付方式。"),
    TERMINAL_RESTARTED(200, "The terminal restarted during this payment; nothing was charged. Start the payment again.",
            "支付过程中终端重启，未扣款。请重新发起支付。"),
    INTERNAL_ERROR(500, "The terminal had an internal error. The payment was not taken.", "终端内部错误，本次未扣款。"),
    STORAGE_FULL(503, "The terminal's storage is full: new payments are stopped and nothing was charged. Payments already taken are safe. Call support.",
            "终端存储空间已满，已暂停新的支付，本次未扣款。已完成的交易不受影响。请联系技术支持。"),
    JOURNAL_UNAVAILABLE(503, "The terminal cannot record payments (storage error): new payments are stopped and nothing was charged. Restart the terminal; if it persists, call support.",
            "终端无法记录交易（存储故障），已暂停新的支付，本次未扣款。请重启终端，如仍有问题请联系技术支持。"),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was already used for a different request. Use a new key for a new payment.",
            "该幂等键已用于另一个不同的请求。新的支付请使用新的幂等键。"),
    API_BUSY(503, "The terminal is serving as many connections as it can. Try again in a few seconds.",
            "终端当前连接已满，请几秒后重试。"),

    // Signed configuration bundles (shared/specs/config-bundle.md): nothing changes on any of these
    BUNDLE_UNREADABLE(400, "The configuration bundle cannot be read: both files must be there and terminal.toml must be TOML. Copy the bundle again. Nothing was changed.",
            "无法读取配置包：两个文件都必须存在，且 terminal.toml 必须是 TOML 格式。请重新拷贝配置包。未做任何更改。"),
    BUNDLE_UNSIGNED(400, "The configuration bundle is not signed. Ask the office for a signed bundle. Nothing was changed.",
            "配置包未签名。请向后台索取已签名的配置包。未做任何更改。"),
    BUNDLE_BAD_SIGNATURE(400, "The configuration bundle is not signed by an office key this terminal trusts, or it was changed after signing. Nothing was changed.",
            "配置包不是由本终端信任的后台密钥签名，或签名后被修改过。未做任何更改。"),
    BUNDLE_NOT_NEWER(409, "The configuration bundle is not newer than the configuration this terminal runs. Nothing was changed.",
            "配置包版本不高于本终端当前运行的配置。未做任何更改。"),
    BUNDLE_WRONG_TERMINAL(400, "The configuration bundle is meant for another terminal. Nothing was changed.",
            "该配置包属于另一台终端。未做任何更改。"),
    BUNDLE_INVALID(422, "The configuration in the bundle has errors (each listed with its key and line). Nothing was changed.",
            "配置包中的配置有错误（逐条列出键名和行号）。未做任何更改。"),

    // Orders that lapse at their pay-by time (a payment outcome)
    ORDER_EXPIRED(200, "The order's time to pay ran out: this payment was not taken, and an approval that came too late is reversed. Create a new order to take payment.",
            "订单支付时限已过：本次未扣款，超时到达的批准将被冲正。请重新下单后再收款。"),

    // QR wallet payments
    QR_NOT_CONFIGURED(422, "QR wallet payments are not set up on this terminal. Take card or cash.",
            "本终端未开通扫码支付。请改用银行卡或现金。"),
    QR_OFFLINE(503, "The network is down: QR wallet payments cannot be taken now. Take card or cash.",
            "网络中断，目前无法扫码支付。请改用银行卡或现金。"),
    QR_NOT_A_PAYMENT_CODE(422, "The scanned code is not a wallet payment code (a product barcode?). Ask the customer to show the payment code in the wallet app.",
            "扫描的不是付款码（可能是商品条码）。请顾客出示钱包应用中的付款码。"),
    QR_NO_SCANNER(422, "No scanner is connected: send the payment code with the request, or take card or cash.",
            "未连接扫码枪：请随请求提交付款码，或改用银行卡或现金。"),
    QR_NO_CODE(408, "No payment code was scanned in time. Scan the customer's payment code and start the payment again.",
            "未在规定时间内扫到付款码。请扫描顾客的付款码后重新发起支付。"),
    QR_DECLINED(200, "Declined by the wallet (see responseCode). Ask for another payment method.",
            "钱包拒绝支付（见 responseCode）。请改用其他支付方式。"),
    QR_BEING_REVERSED(200, "The wallet payment could not be confirmed and is being reversed: the customer will not be charged. Take another payment method.",
            "扫码支付无法确认，正在撤销：顾客不会被扣款。请改用其他支付方式。"),
    QR_REVERSED(200, "The wallet payment was reversed: the customer was not charged.",
            "扫码支付已撤销：顾客未被扣款。"),
    QR_RESUMING(409, "The terminal is finishing a QR payment interrupted by a restart. Try again in a few seconds.",
            "终端正在处理重启前未完成的扫码支付。请稍后再试。"),
    BATCH_NOT_CLOSED(409, "The batch was not closed and stays open (the reason is in the detail). Nothing was settled; try again, or force the close.",
            "批次未结算，保持未结（原因见详情）。未做任何结算；请重试或强制结算。"),
    BATCH_TOTALS_DIFFER(409, "The bank's totals differ from the terminal's: the batch stays open. Both totals are in the detail.",
            "银行总额与终端总额不一致，批次保持未结。详情中列出双方总额。"),
    TERMINAL_TAMPERED(423, "The terminal's case was opened: it has destroyed its card keys and takes no payments until a technician provisions it again. Nothing was charged. Call support.",
            "终端机壳曾被打开：已销毁卡密钥，在技术人员重新初始化之前不能收款。本次未扣款。请联系技术支持。"),
    SETTLEMENT_FILE_NOT_FOUND(404, "No settlement file of this name on the terminal (never written, or removed after retention).",
            "终端上没有该名称的结算文件（从未生成，或已按保留期限删除）。"),
    RANGE_NOT_SATISFIABLE(416, "The requested byte range is outside the file; its size is in the Content-Range header.",
            "请求的字节范围超出文件大小；文件大小见 Content-Range 头。"),

    // Voids and refunds
    PAYMENT_NOT_VOIDABLE(409, "This payment cannot be voided: only an approved sale that is not refunded, being refunded or voided can be.",
            "该支付无法撤销：只能撤销未退货、未在退货中且未撤销的成功消费。"),
    VOID_OUTSIDE_BATCH(422, "The sale's batch is closed: it can no longer be voided. Refund it instead.",
            "该消费所在批次已结算，无法撤销。请改为退货。"),
    CASH_NOT_VOIDABLE(422, "A cash payment cannot be voided. Refund it instead: the cash is paid out of the drawer.",
            "现金支付不能撤销。请改为退货：从钱箱退还现金。"),
    PAYMENT_NOT_REFUNDABLE(409, "This payment cannot be refunded: only an approved sale can be (not a refund, a void, or a voided or fully refunded sale).",
            "该支付无法退货：只能对成功的消费退货（退货、撤销、已撤销或已全额退货的交易除外）。"),
    REFUND_EXCEEDS_PAID(422, "The refund is more than what is left to refund of this payment (refunds made or under way included).",
            "退货金额超过该笔支付剩余可退金额（含已退及退货中的金额）。"),
    SALE_NOT_YET_ADVISED(409, "This sale was approved offline and the bank has not accepted it yet: it is being sent now. Try again in a minute.",
            "该笔消费为离线批准，银行尚未受理，正在上送。请一分钟后再试。"),
    RETURN_NEEDS_HOST(503, "The bank cannot be reached: voids and refunds need the bank online. Nothing was changed; try again when the network is back.",
            "无法连接银行：撤销和退货必须联机。未做任何更改；请在网络恢复后重试。"),
    RETURN_TIMEOUT(200, "The bank did not answer in time: nothing was refunded or voided, and the request is being reversed. Try again.",
            "银行未及时响应：未退款也未撤销，该请求正在冲正。请重试。"),
    VOID_DECLINED(409, "The bank refused the void: the sale stands (the bank's reason is in the detail). Refund it instead, or call support.",
            "银行拒绝撤销：原消费有效（银行原因见详情）。请改为退货，或联系技术支持。"),
    VOID_NOT_DONE(503, "The void was not confirmed by the bank: the sale stands, and a void that may have reached the bank is being reversed. Try again.",
            "撤销未获银行确认：原消费有效，可能已送达银行的撤销正在冲正。请重试。"),
    QR_REFUND_EXCEEDED(200, "The wallet refused the refund: the refunds would add up to more than was paid with it.",
            "钱包拒绝退款：退款总额将超过原支付金额。"),
    QR_TRADE_OVERDUE(200, "The wallet refused: this payment is too old to be refunded or voided through the wallet. Refund the customer another way.",
            "钱包拒绝：该笔支付时间过久，无法通过钱包退款或撤销。请用其他方式退款给顾客。"),

    // Live configuration (config-bundle.md "Applying")
    CONFIG_APPLYING(503, "The terminal is taking a new configuration: new payments wait until it is done (a minute or two at most). Try again shortly.",
            "终端正在启用新配置，新的支付需稍候（最多一两分钟）。请稍后重试。"),
    BUNDLE_ROLLED_BACK(409, "The new configuration did not work (devices or bank not answering) and the terminal went back to the previous one by itself.",
            "新配置无法正常工作（设备或银行无响应），终端已自动恢复为之前的配置。");

    private final int httpStatus;
    private final String english;
    private final String chinese;

    ErrorCode(int httpStatus, String english, String chinese) {
        this.httpStatus = httpStatus;
        this.english = english;
        this.chinese = chinese;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
