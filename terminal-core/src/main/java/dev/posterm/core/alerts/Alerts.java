package dev.posterm.core.alerts;

import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.AlertTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.JournalException;
import dev.posterm.core.journal.JournalHealth;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * Open alerts: journaled so they survive a restart, published when raised or cleared, and shown
 * in status and on the alert LED. Each alert has a code and a message a person can act on.
 */
public final class Alerts {
    /** The alerts this release raises, with what to do about them. */
    public enum Kind {
        PRINTER_NOT_READY("The receipt printer is not ready (paper out, cover open or no answer). Receipts are kept and print when it is ready.",
                "打印机未就绪（缺纸、仓盖打开或无响应）。小票已保存，打印机就绪后自动打印。"),
        READER_UNAVAILABLE("The card reader is not responding. Check its cable and power.",
                "读卡器无响应。请检查连接线和电源。"),
        MODEM_NOT_ANSWERING("The cellular modem does not answer; posterm is restarting it. Sales continue offline within limits.",
                "无线模块无响应，系统正在重启该模块。在限额内可继续离线收款。"),
        ADVICE_DECLINED("The bank declined an offline sale after it was forwarded: the merchant bears this loss. See the store-and-forward list.",
                "离线交易上送后被银行拒绝，损失由商户承担。请查看离线交易列表。"),
        SAF_EXPIRING("Offline sales are close to their time limit and the bank is still unreachable. Restore the network.",
                "离线交易即将超过时限，仍无法连接银行。请尽快恢复网络。"),
        HOST_LINK_FAULT("The connection to the bank hit an internal error and was restarted. Sales continue; if this alert stays, call support.",
                "与银行的连接发生内部错误，已自动重新连接。可继续收款；如此提示持续存在，请联系技术支持。"),
        ADVICE_UNREADABLE("An offline sale could not be sent to the bank (its card data does not open or cannot be encoded) and was set aside; the others are still forwarded. The merchant is not paid for it until it is resolved. See the store-and-forward list.",
                "一笔离线交易无法上送银行（卡数据无法解密或无法编码），已被搁置，其他交易继续上送。该笔款项在处理前商户无法入账。请查看离线交易列表。"),
        ADVICE_LOST("Offline sales waiting for the bank can no longer be sent: the card data key they were sealed under is gone (a new key was created, or the key was destroyed when the case was opened). The merchant is not paid for them until they are settled with the bank by hand; if the key file was only lost, restore it from backup.",
                "等待上送的离线交易已无法上送银行：加密其卡数据的密钥已不存在（生成了新密钥，或机壳被打开时密钥已销毁）。在与银行人工处理之前商户无法入账；如只是密钥文件丢失，请从备份恢复。"),
        REVERSAL_STUCK("The bank has not accepted a reversal after several tries: a customer may stay charged for a payment that did not go through. posterm keeps trying; if this lasts, call the acquirer's help desk.",
                "多次尝试后银行仍未受理冲正：顾客可能仍被扣款，但该笔支付并未成功。系统将继续重试；如持续出现，请联系收单机构客服。"),
        STORAGE_FULL("The terminal's storage is full: new payments are stopped until there is room. Payments already recorded are safe. Call support.",
                "终端存储空间已满，新的支付已暂停，直至腾出空间。已记录的交易不受影响。请联系技术支持。"),
        JOURNAL_UNAVAILABLE("The terminal cannot write its payment journal (storage error): new payments are stopped. Payments already recorded are safe. Restart the terminal; if it persists, call support.",
                "终端无法写入交易日志（存储故障），新的支付已暂停。已记录的交易不受影响。请重启终端，如仍有问题请联系技术支持。"),
        BATCH_TOTALS_DIFFER("The bank's totals differ from the terminal's for the open batch: it stays open. Compare both totals with the acquirer before closing again.",
                "银行的批次总额与终端不一致，该批次保持未结。请与收单机构核对双方总额后再结算。"),
        TERMINAL_TAMPERED("The terminal's case was opened: its card keys are destroyed and it takes no payments until a technician provisions it again (posterm provision). Offline sales that were waiting are lost (see ADVICE_LOST). Call support.",
                "终端机壳曾被打开：卡密钥已销毁，在技术人员重新初始化（posterm provision）之前不能收款。等待上送的离线交易已丢失（见 ADVICE_LOST）。请联系技术支持。"),
        SETTLEMENT_FILES_REMOVED_UNFETCHED("The terminal ran short of storage and removed settlement files the back office had not fetched yet. The batches' payments stay in the journal; ask support to export them.",
                "终端存储空间不足，已删除后台尚未下载的结算文件。这些批次的交易仍保存在交易日志中，请联系技术支持导出。"),
        CONFIG_ROLLED_BACK("A new configuration did not work (devices or bank not answering) and the terminal went back to the previous one by itself. Payments continue; check the bundle (GET /api/v1/config/history) before trying again.",
                "新配置无法正常工作（设备或银行无响应），终端已自动恢复为之前的配置。可继续收款；再次尝试前请检查配置包（配置历史）。"),
        CONFIG_BUNDLE_REFUSED("A configuration bundle was refused and nothing was changed; the slip and the configuration history say why.",
                "配置包被拒绝，未做任何更改；原因见打印单据和配置历史。"),
        SECOND_SUCCESS_UNDONE("An order was paid twice (two methods at once): the second payment was reversed and the customer gets that money back. Tell the customer; the detail names the order, method and amount.",
                "同一订单被重复支付（两种方式同时成功）：第二笔已撤销，款项将退回顾客。请告知顾客；详情中列出订单、支付方式和金额。"),
        LINK_DOWN_LONG("The terminal has been offline from the bank for a long time. Card sales continue offline within limits; QR payments are refused. Check the network or call support.",
                "终端与银行长时间断开连接。银行卡可在限额内离线收款，二维码支付暂不可用。请检查网络或联系技术支持。"),
        QR_REVERSE_STUCK("The wallet gateway has not confirmed a QR payment's reversal after several tries: the customer may stay charged. posterm keeps trying; if this lasts, call the wallet provider's help desk.",
                "多次尝试后钱包网关仍未确认二维码支付的撤销：顾客可能仍被扣款。系统将继续重试；如持续出现，请联系钱包服务商客服。"),
        SAF_NEAR_COUNT("Almost as many offline sales are waiting as the terminal may hold: soon card sales can only be taken online. Restore the network.",
                "待上送的离线交易笔数接近上限，即将只能在线收款。请尽快恢复网络。"),
        SAF_NEAR_TOTAL("The offline sales waiting for the bank come close to the most the terminal may hold: soon card sales can only be taken online. Restore the network.",
                "待上送的离线交易金额接近上限，即将只能在线收款。请尽快恢复网络。");

        private final String english;
        private final String chinese;

        Kind(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        public String english() {
            return english;
        }

        public String chinese() {
            return chinese;
        }
    }

    private final Journal journal;
    private final EventHub events;
    private final Clock clock;
    private final Map<Kind, Alert> held = new ConcurrentHashMap<>();

    public Alerts(Journal journal, EventHub events, Clock clock) {
        this.journal = journal;
        this.events = events;
        this.clock = clock;
        journal.onHealthChange(this::journalHealth);
    }

    /**
     * The journal's own alerts are held here, not journaled: they say the journal cannot take a
     * write. They go with the process; on start the journal shows its state afresh.
     */
    private void journalHealth(JournalHealth health) {
        switch (health) {
            case JournalHealth.Full f -> hold(Kind.STORAGE_FULL, f.detail());
            case JournalHealth.Failing f -> hold(Kind.JOURNAL_UNAVAILABLE, f.detail());
            case JournalHealth.Writable w -> {
                release(Kind.STORAGE_FULL);
                release(Kind.JOURNAL_UNAVAILABLE);
            }
        }
    }

    private void hold(Kind kind, String detail) {
        Alert alert = new Alert(kind.name(), kind.english(), kind.chinese(), clock.instant());
        if (held.putIfAbsent(kind, alert) == null) {
            Logger.error("alert {}: {}", kind, detail);
            events.publish(new TerminalEvent.AlertRaised(alert.since(), kind.name(), kind.english(), kind.chinese()));
        }
    }

    private void release(Kind kind) {
        if (held.remove(kind) != null) {
            Logger.info("alert {} cleared", kind);
            events.publish(new TerminalEvent.AlertCleared(clock.instant(), kind.name()));
        }
    }

    public void raise(Kind kind, String detail) {
        boolean fresh = journal.inTransaction(c -> AlertTable.raise(c, kind.name(), detail, clock.instant()));
        if (fresh) {
            Logger.warn("alert {}: {}", kind, detail);
            events.publish(new TerminalEvent.AlertRaised(clock.instant(), kind.name(), kind.english(), kind.chinese()));
        }
    }

    /**
     * Raises {@code kind}, or, if it is already open, replaces its detail (a count that grew) and
     * logs it again: for alerts whose detail is a running total.
     */
    public void raiseOrRestate(Kind kind, String detail) {
        boolean restated = journal.inTransaction(c -> AlertTable.restate(c, kind.name(), detail));
        if (restated) {
            Logger.warn("alert {}: {}", kind, detail);
        } else {
            raise(kind, detail);
        }
    }

    public void clear(Kind kind) {
        boolean was = journal.inTransaction(c -> AlertTable.clear(c, kind.name()));
        if (was) {
            Logger.info("alert {} cleared", kind);
            events.publish(new TerminalEvent.AlertCleared(clock.instant(), kind.name()));
        }
    }

    public List<Alert> open() {
        List<Alert> out = new ArrayList<>(held.values());
        try {
            journal.read(AlertTable::open).stream().map(a -> known(a.code())
                    .map(k -> new Alert(a.code(), k.english(), k.chinese(),
                            java.util.Optional.ofNullable(a.detail()), a.raisedAt()))
                    // A code from another release (after a downgrade, say) is still shown, in its own words.
                    .orElseGet(() -> new Alert(a.code(), a.code(), a.code(),
                            java.util.Optional.ofNullable(a.detail()), a.raisedAt())))
                    .forEach(out::add);
        } catch (JournalException e) {
            if (held.isEmpty()) {
                throw e;
            }
            // the held alert already says the journal is failing; status still shows it
        }
        return out;
    }

    private static Optional<Kind> known(String code) {
        try {
            return Optional.of(Kind.valueOf(code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
