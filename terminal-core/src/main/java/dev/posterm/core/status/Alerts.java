package dev.posterm.core.status;

import dev.posterm.core.engine.EventHub;
import dev.posterm.core.engine.TerminalEvent;
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
        STORAGE_FULL("The terminal's storage is full: new payments are stopped until there is room. Payments already recorded are safe. Call support.",
                "终端存储空间已满，新的支付已暂停，直至腾出空间。已记录的交易不受影响。请联系技术支持。"),
        JOURNAL_UNAVAILABLE("The terminal cannot write its payment journal (storage error): new payments are stopped. Payments already recorded are safe. Restart the terminal; if it persists, call support.",
                "终端无法写入交易日志（存储故障），新的支付已暂停。已记录的交易不受影响。请重启终端，如仍有问题请联系技术支持。");

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
    private final Map<Kind, TerminalStatus.Alert> held = new ConcurrentHashMap<>();

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
        TerminalStatus.Alert alert = new TerminalStatus.Alert(kind.name(), kind.english(), kind.chinese(), clock.instant());
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

    public void clear(Kind kind) {
        boolean was = journal.inTransaction(c -> AlertTable.clear(c, kind.name()));
        if (was) {
            Logger.info("alert {} cleared", kind);
            events.publish(new TerminalEvent.AlertCleared(clock.instant(), kind.name()));
        }
    }

    public List<TerminalStatus.Alert> open() {
        List<TerminalStatus.Alert> out = new ArrayList<>(held.values());
        try {
            journal.read(AlertTable::open).stream().map(a -> known(a.code())
                    .map(k -> new TerminalStatus.Alert(a.code(), k.english(), k.chinese(), a.raisedAt()))
                    // A code from another release (after a downgrade, say) is still shown, in its own words.
                    .orElseGet(() -> new TerminalStatus.Alert(a.code(), a.code(), a.code(), a.raisedAt())))
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
