package dev.posterm.core.status;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostLinkHealth;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.receipt.ReceiptSpooler;
import dev.posterm.core.saf.ReversalQueue;
import dev.posterm.drivers.reader.CardReader;
import dev.posterm.drivers.reader.ReaderHealth;
import dev.posterm.printer.status.PrinterStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds {@code GET /status} from what each part knows now, without touching a device: the host
 * link's health, the reader's, the printer's last status, the modem's last answer, the journal.
 *
 * <p>The link's state and cause are the {@link LinkMonitor}'s; while it still says ONLINE but the
 * connection has just dropped, the reason shows the connection's own words.
 */
public final class StatusBoard implements Supplier<TerminalStatus> {
    private final String terminalId;
    private final String version;
    private final String currency;
    private final Instant startedAt;
    private final Journal journal;
    private final HostLink host;
    private final Duration hostTimeout;
    private final CardReader reader;
    private final ReceiptSpooler spooler;
    private final ReversalQueue reversals;
    private final Alerts alerts;
    private final Supplier<LinkMonitor.View> linkView;
    private final Supplier<TerminalStatus.StoreAndForward> saf;

    private final Supplier<TerminalStatus.BatchTotals> openBatch;
    private volatile Supplier<TerminalStatus.WalletGateway> wallet = () -> TerminalStatus.WalletGateway.NONE;
    private volatile Supplier<TerminalStatus.ScannerPort> scanner = () -> TerminalStatus.ScannerPort.NONE;

    public StatusBoard(String terminalId, String version, String currency, Clock clock, Journal journal, HostLink host,
                       Duration hostTimeout, CardReader reader, ReceiptSpooler spooler, ReversalQueue reversals,
                       Alerts alerts, Supplier<LinkMonitor.View> linkView,
                       Supplier<TerminalStatus.StoreAndForward> saf, Supplier<TerminalStatus.BatchTotals> batch) {
        this.openBatch = batch;
        this.terminalId = terminalId;
        this.version = version;
        this.currency = currency;
        this.startedAt = clock.instant();
        this.journal = journal;
        this.host = host;
        this.hostTimeout = hostTimeout;
        this.reader = reader;
        this.spooler = spooler;
        this.reversals = reversals;
        this.alerts = alerts;
        this.linkView = linkView;
        this.saf = saf;
    }

    /** Shows the QR wallet gateway and the scanner among the devices (the wiring, when they are configured). */
    public void showQr(Supplier<TerminalStatus.WalletGateway> wallet, Supplier<TerminalStatus.ScannerPort> scanner) {
        this.wallet = wallet;
        this.scanner = scanner;
    }

    @Override
    public TerminalStatus get() {
        dev.posterm.core.journal.ReversalTable.Summary owed = reversals.summary();
        return new TerminalStatus(terminalId, version, startedAt, link(), devices(),
                saf.get(), owed.pending(), alerts.open(),
                batch(), new TerminalStatus.Reversals(owed.pending(), owed.stuck(), owed.oldest()), Optional.of(cash()));
    }

    /** The link as status shows it (no I/O): the monitor's view, with the connection's own words. */
    public TerminalStatus.Link link() {
        LinkMonitor.View v = linkView.get();
        HostLinkHealth h = host.health();
        String reason = v.state() == LinkMonitor.State.ONLINE && !h.connected()
                ? h.lastProblem().orElse("reconnecting to " + h.address()) : v.reason();
        Optional<TerminalStatus.Modem> m = v.modem().map(s -> new TerminalStatus.Modem(s.signalDbm(),
                s.registration().map(Enum::name).orElse(s.answering() ? "UNKNOWN" : "NO_ANSWER")));
        return new TerminalStatus.Link(v.state().name(), v.since(), reason, m, v.cause().name(), v.outageSince());
    }

    private TerminalStatus.Devices devices() {
        ReaderHealth r = reader.health();
        TerminalStatus.Device readerDevice = new TerminalStatus.Device(r.connected() ? "OK" : "UNAVAILABLE",
                r.connected() ? r.info().map(i -> "firmware " + i.firmware() + ", serial " + i.serialNumber())
                        .orElse("connected on " + r.port()) : r.lastProblem().orElse("not connected on " + r.port()));
        PrinterStatus p = spooler.lastStatus();
        String printerState = switch (p) {
            case PrinterStatus.Ready x -> "OK";
            case PrinterStatus.NoAnswer x -> "UNAVAILABLE";
            default -> "NOT_READY";
        };
        String paper = switch (p) {
            case PrinterStatus.PaperOut x -> "OUT";
            case PrinterStatus.Ready x -> x.paperNearEnd() ? "NEAR_END" : "OK";
            default -> "UNKNOWN";
        };
        return new TerminalStatus.Devices(readerDevice,
                new TerminalStatus.Device(printerState, dev.posterm.core.receipt.ReceiptSpooler.describe(p)), paper,
                wallet.get(), scanner.get());
    }

    /** Cash is the terminal's, never the acquirer's: shown apart from the batch. */
    private TerminalStatus.CashTotals cash() {
        PaymentTable.Totals cash = journal.read(PaymentTable::approvedCashSales);
        return new TerminalStatus.CashTotals(cash.count(), cash.amount(), currency);
    }

    /** The open batch's running totals, counted as its settlement file will count them. */
    private TerminalStatus.BatchTotals batch() {
        return openBatch.get();
    }
}
