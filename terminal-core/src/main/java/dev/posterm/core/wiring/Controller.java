package dev.posterm.core.wiring;

import dev.posterm.config.PostermConfig;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.api.ApiServer;
import dev.posterm.core.api.MetricsPage;
import dev.posterm.core.batch.Batches;
import dev.posterm.core.diagnostics.DiagnosticSlip;
import dev.posterm.core.diagnostics.IpAddresses;
import dev.posterm.core.diagnostics.ServiceButton;
import dev.posterm.core.diagnostics.Versions;
import dev.posterm.core.engine.CardLane;
import dev.posterm.core.engine.Offline;
import dev.posterm.core.engine.Orders;
import dev.posterm.core.engine.Owed;
import dev.posterm.core.engine.PaymentBook;
import dev.posterm.core.engine.PaymentEngine;
import dev.posterm.core.engine.Recovery;
import dev.posterm.core.engine.offline.OfflinePolicy;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.heartbeat.Heartbeats;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostSession;
import dev.posterm.core.journal.Counters;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.metrics.MeteredLinkView;
import dev.posterm.core.metrics.TerminalMetrics;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.qr.CodeSource;
import dev.posterm.core.qr.QrPayments;
import dev.posterm.core.wallet.FlowTiming;
import dev.posterm.core.wallet.GatewaySettings;
import dev.posterm.core.wallet.HttpWalletGateway;
import dev.posterm.core.wallet.OutTradeNoMaker;
import dev.posterm.drivers.scanner.Scanner;
import dev.posterm.drivers.scanner.SerialScanner;
import dev.posterm.core.receipt.ReceiptSpooler;
import dev.posterm.core.receipt.SlipFactory;
import dev.posterm.core.saf.ReversalQueue;
import dev.posterm.core.saf.StoreAndForward;
import dev.posterm.core.status.HostLinkFaultAlert;
import dev.posterm.core.status.Indicators;
import dev.posterm.core.status.LinkMonitor;
import dev.posterm.core.status.StatusBoard;
import dev.posterm.core.status.TerminalStatus;
import dev.posterm.core.tamper.CaseGuard;
import dev.posterm.core.tamper.TamperLock;
import dev.posterm.core.vault.CardVault;
import dev.posterm.drivers.gpio.GpioBoard;
import dev.posterm.drivers.gpio.OutputLine;
import dev.posterm.drivers.gpio.OutputSpec;
import dev.posterm.drivers.gpio.Pi4jBoard;
import dev.posterm.drivers.io.NativeLibraries;
import dev.posterm.drivers.io.PortAddress;
import dev.posterm.drivers.io.Transports;
import dev.posterm.drivers.modem.AtModem;
import dev.posterm.drivers.modem.Modem;
import dev.posterm.drivers.reader.CardReader;
import dev.posterm.drivers.reader.session.Crl1CardReader;
import dev.posterm.printer.EscPosPrinter;
import dev.posterm.printer.ReceiptPrinter;
import dev.posterm.printer.layout.PaperWidth;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The one place that builds everything from config, starts it in order and stops it in reverse.
 * Nothing else constructs a device, a host link or the API.
 */
public final class Controller implements AutoCloseable {
    /** How long a QR payment without a code in the request waits for the scanner (the customer holds up the phone). */
    private static final Duration QR_SCAN_WAIT = Duration.ofSeconds(30);
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Deque<Thread> threads = new ArrayDeque<>();
    private volatile boolean closed;
    private GpioBoard board;
    private Heartbeats heartbeats;
    /** Set when started by {@link ConfigApply} (posterm run): the API takes bundles, payments pass its gate. */
    private ConfigApply configApply;
    private LiveParts live;

    private Controller() {
    }

    /** For {@link ConfigApply}, which holds data.dir's lock across controllers and stops them itself. */
    static Controller start(PostermConfig cfg, ConfigApply apply) throws IOException {
        Controller c = new Controller();
        c.configApply = apply;
        try {
            c.build(cfg, Clock.systemUTC());
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    LiveParts live() {
        return live;
    }

    public static Controller start(PostermConfig cfg) throws IOException {
        return start(cfg, DataDirLock.acquire(cfg.data().dir()));
    }

    /** With {@code data.dir} already locked; the controller releases the lock when it closes (or fails to start). */
    public static Controller start(PostermConfig cfg, DataDirLock lock) throws IOException {
        Controller c = new Controller();
        c.keep(lock);   // first in, last out: nothing of this controller touches data.dir after it is released
        try {
            c.build(cfg, Clock.systemUTC());
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void build(PostermConfig cfg, Clock clock) throws IOException {
        useNativeLibrariesIn(cfg.data().dir());
        Logger.info("posterm {} starting: terminal {}, data in {}", Release.version(), cfg.terminal().id(), cfg.data().dir());
        cfg.api().warnings().forEach(w -> Logger.warn("config: {}", w));

        heartbeats = new Heartbeats(clock);
        Journal journal = keep(Journal.open(cfg.data().dir()));
        TerminalIdentity terminal = new TerminalIdentity(cfg.terminal().id(), cfg.terminal().merchantId(),
                cfg.terminal().merchantName(), cfg.terminal().currency(), cfg.terminal().currencyNumeric(),
                cfg.terminal().currencyDigits(), ZoneId.systemDefault());
        EventHub events = new EventHub();
        Alerts alerts = new Alerts(journal, events, clock);
        PaymentBook book = new PaymentBook(journal, events, clock, cfg.terminal().supportContact());
        HostMessages messages = new HostMessages(terminal);

        HostSession session = keep(new HostSession(cfg.host().host(), cfg.host().port(), cfg.host().tls(),
                cfg.host().caFile(), cfg.host().allowPlainTcp(), clock));
        session.reportFaultsTo(new HostLinkFaultAlert(alerts));
        HostLink host = session;
        CardReader reader = keep(new Crl1CardReader(Transports.forAddress(
                PortAddress.parse(cfg.reader().port(), cfg.reader().baud()))));
        ReceiptPrinter printer = keep(new EscPosPrinter(Transports.forAddress(
                PortAddress.parse(cfg.printer().port(), cfg.printer().baud())), PaperWidth.MM_80));

        ReversalQueue reversals = new ReversalQueue(journal, host, messages, alerts, clock, cfg.host().timeout());
        ReceiptSpooler spooler = new ReceiptSpooler(journal, printer,
                new SlipFactory(terminal, cfg.terminal().locale() == PostermConfig.Locale.ZH_CN,
                        cfg.terminal().supportContact()), alerts, clock);
        Optional<Modem> modem = cfg.modem().port().map(port -> keep(new AtModem(
                Transports.forAddress(PortAddress.parse(port, cfg.modem().baud())), clock)));
        GpioBoard board = keep(Pi4jBoard.open(cfg.gpio().provider()));
        this.board = board;
        Optional<OutputLine> powerKey = cfg.gpio().modemPowerKey().map(pin ->
                board.output(new OutputSpec("modem-pwrkey", pin, false, false)));
        LinkMonitor link = new LinkMonitor(host, () -> messages.echo(journal.inTransaction(Counters::nextStan),
                clock.instant()), modem, powerKey, events, alerts, clock, cfg.link().echoInterval(), cfg.host().timeout(),
                cfg.link().slowPercent());
        CaseGuard guard = CaseGuard.open(journal, alerts, cfg.data().dir(), clock);
        CardVault vault = guard.vault();   // none while tampered: only posterm provision makes keys then
        Duration maxAge = Duration.ofHours(cfg.offline().maxAgeHours());
        StoreAndForward saf = new StoreAndForward(journal, host, messages, vault, reversals, alerts, events, clock,
                cfg.host().timeout(), cfg.saf(), maxAge);
        java.util.concurrent.atomic.AtomicReference<Batches> batches = new java.util.concurrent.atomic.AtomicReference<>();
        batches.set(new Batches(journal, host, reversals, saf, alerts, terminal, clock, cfg.host().timeout(),
                cfg.data().dir().resolve("settlements"), events));
        StatusBoard status = new StatusBoard(terminal.terminalId(), Release.version(), terminal.currency(), clock,
                journal, host, cfg.host().timeout(), reader, spooler, reversals, alerts, link::current,
                () -> safQueue(saf.view(maxAge)), () -> openBatch(batches.get(), terminal.currency()));
        TerminalMetrics metrics = new TerminalMetrics(status, cfg.data().dir(), Release.version(), clock);
        metrics.watchLoops(heartbeats::lateness);
        events.subscribe(metrics::on);
        events.subscribe(indicators(board, cfg.gpio(), alerts)::on);
        events.subscribe(e -> {
            if (e instanceof TerminalEvent.LinkChanged l && !"OFFLINE".equals(l.state())) {
                saf.nudge();   // the link is back: forward at once, not at the next round
            }
        });
        PaymentEngine engine = keep(new PaymentEngine(
                new Orders(terminal, book, clock, cfg.orders().payWithinSeconds(),
                        cfg.orders().remindBeforeSeconds()),
                new CardLane(reader, 60, host, messages, cfg.host().timeout()),
                new Offline(vault, new OfflinePolicy(cfg.offline()), new MeteredLinkView(link, metrics),
                        cfg.offline().maxAgeHours()),
                new Owed(reversals, spooler, saf, spooler),
                alerts, events));

        new Recovery(book, clock).run();
        java.util.concurrent.atomic.AtomicReference<QrPayments> qrRail = new java.util.concurrent.atomic.AtomicReference<>();
        cfg.wallet().ifPresent(w -> {
            QrPayments qr = keep(qrPayments(w, cfg.scanner(), book, spooler, clock, link, terminal, alerts));
            qrRail.set(qr);
            status.showQr(() -> {
                dev.posterm.core.qr.GatewaySeen.View seen = qr.gatewaySeen();
                return new TerminalStatus.WalletGateway(true, seen.state(), seen.at(), seen.problem(), qr.reversing().size());
            }, () -> new TerminalStatus.ScannerPort(cfg.scanner().present(), cfg.scanner().port(),
                    qr.scannerConnected().orElse(false)));
            engine.takeQrWith(qr);
            qr.resume();   // before the API opens: interrupted QR payments are taken up before new ones
        });
        // One turn's own work, beyond the waits a loop declares: a host exchange, device I/O, commits.
        Duration turn = cfg.host().timeout().plusSeconds(60);
        engine.watchTimers(heartbeats.register("pay-by-timers", turn));
        if (qrRail.get() == null && cfg.scanner().present()) {
            // A scanner only serves QR payments: without a [wallet] it is configured but never opened.
            status.showQr(() -> TerminalStatus.WalletGateway.NONE,
                    () -> new TerminalStatus.ScannerPort(true, cfg.scanner().port(), false));
        }
        engine.start();   // after recovery: orders past their pay-by time lapse, the others' timers are armed
        saf.checkDataKey();   // a new data key cannot open what waits: say so before anything else runs
        cfg.gpio().tamper().ifPresent(pin -> guard.watch(board.input(CaseGuard.caseSwitch(pin)), saf));
        cfg.gpio().serviceButton().ifPresent(pin -> ServiceButton.watch(board.input(ServiceButton.line(pin)), clock,
                () -> DiagnosticSlip.of(status.get(), Versions.now(Release.version()), IpAddresses.now(),
                        cfg.terminal().locale() == PostermConfig.Locale.ZH_CN, clock.instant(), terminal.zone()),
                printer, r -> Thread.ofPlatform().daemon().name("diagnostics-slip").start(r)));
        host.start();
        reader.connect();
        printer.connect();
        watched("reversals", turn, reversals::runForever);
        watched("receipts", turn, spooler::runForever);
        watched("link-monitor", turn, link::runForever);
        watched("store-and-forward", turn, saf::runForever);
        // A close drains store-and-forward and writes the settlement file first: a long turn, once a day.
        cfg.batch().autoCloseAt().ifPresent(at -> watched("batch-auto-close", Duration.ofMinutes(15),
                new dev.posterm.core.batch.AutoClose(batches.get(), at, terminal.zone(), clock)::runForever));
        watched("saf-expiry", turn, beat -> expiryWatch(saf, maxAge, cfg.saf().expiryWarning(), beat));
        java.nio.file.Path settlementDir = cfg.data().dir().resolve("settlements");
        dev.posterm.core.batch.SettlementShelf shelf = new dev.posterm.core.batch.SettlementShelf(journal, settlementDir,
                clock, alerts, cfg.settlement().retentionDays(), cfg.settlement().minFreeMb(),
                dev.posterm.core.batch.SettlementShelf.usableSpaceOf(settlementDir));
        events.subscribe(e -> {
            if (e instanceof TerminalEvent.BatchChanged b && "CLOSED".equals(b.state())) {
                shelf.nudge();   // new files take room: check the free space now
            }
        });
        watched("settlement-retention", turn, shelf::runForever);
        dev.posterm.core.report.ShiftReports reports = new dev.posterm.core.report.ShiftReports(batches.get(), terminal,
                cfg.terminal().locale() == PostermConfig.Locale.ZH_CN, spooler::printNow, clock).printZAtEveryClose();
        events.subscribe(dev.posterm.core.receipt.AlertSlip.printer(spooler, alerts, terminal,
                cfg.terminal().locale() == PostermConfig.Locale.ZH_CN));
        watched("alert-watch", turn, alertWatch(cfg, link, saf, maxAge, qrRail, alerts, clock)::runForever);

        live = new LiveParts(journal, alerts, events, spooler, new DeviceCheck(host, () -> messages.echo(
                journal.inTransaction(Counters::nextStan), clock.instant()), reader, cfg.host().timeout(), clock),
                terminal, cfg.terminal().locale() == PostermConfig.Locale.ZH_CN);
        ApiServer api = keep(new ApiServer(cfg.api().listenHost(), cfg.api().listenPort(), cfg.api().cashierToken(),
                cfg.api().backofficeToken(), terminal.currency(), cfg.api().tlsCertificate(), cfg.api().tlsKey(),
                new TamperLock(configApply == null ? engine
                        : new dev.posterm.core.bundle.GatedCheckout(engine, configApply.gate()), guard),
                status, clock, 8, Optional.of(new MetricsPage(TerminalMetrics.CONTENT_TYPE, metrics::scrape)),
                new dev.posterm.core.api.BackOffice(batches.get(), Optional.of(shelf), Optional.of(reports))));
        if (configApply != null) {
            api.withConfigDesk(configApply);
        }
        try {
            api.start();
        } catch (IOException e) {
            throw new IOException("cannot listen for the API on " + cfg.api().listenHost() + ":" + cfg.api().listenPort()
                    + ": " + e.getMessage() + " (is another program using that port? see api.listen)", e);
        }
        Logger.info("posterm ready: API on {}:{}", cfg.api().listenHost(), api.address().getPort());
        tellSystemd(System.getenv());
    }

    /** Native libraries (SQLite's too) unpacked under data.dir, not /tmp: before the first journal opens. */
    static void useNativeLibrariesIn(java.nio.file.Path dataDir) throws IOException {
        java.nio.file.Path native_ = dataDir.resolve("native");
        System.setProperty("org.sqlite.tmpdir", java.nio.file.Files.createDirectories(native_.resolve("sqlite")).toString());
        NativeLibraries.useDirectory(native_);
    }

    /**
     * Under systemd (Type=notify): ready now that the API answers, and the watchdog petted if the
     * unit set one. The watchdog runs without systemd too (every 10 s, pets going nowhere), so
     * that a hung loop is logged wherever posterm runs.
     */
    private void tellSystemd(java.util.Map<String, String> env) {
        Optional<ServiceNotifier> notifier = ServiceNotifier.fromEnvironment(env);
        notifier.ifPresent(n -> n.send("READY=1"));
        java.util.List<Thread> loops = java.util.List.copyOf(threads);
        Optional<Duration> interval = notifier.flatMap(n ->
                ServiceNotifier.watchdogInterval(env, ProcessHandle.current().pid()));
        Watchdog watchdog = new Watchdog(interval.isPresent() ? notifier.get()::send : state -> true, () -> loops,
                heartbeats);
        background("watchdog", () -> watchdog.runForever(interval.orElse(Duration.ofSeconds(20))));
        interval.ifPresent(i -> Logger.info("systemd watchdog: petted every {} ms while {} loops live and beat",
                i.toMillis() / 2, loops.size()));
    }

    private static TerminalStatus.BatchTotals openBatch(Batches batches, String currency) {
        Batches.Current b = batches.current();
        java.util.Map<String, long[]> byMethod = new java.util.LinkedHashMap<>();
        b.totals().byMethod().forEach((m, t) -> byMethod.put(m.name(), new long[] {t.count(), t.amount()}));
        // The acquirer's totals (card only, what field 63 will carry); cash is shown apart, QR by method.
        var card = b.totals().byMethod().get(dev.posterm.core.settlement.SettlementRow.Method.CARD);
        return new TerminalStatus.BatchTotals(String.format("%06d", b.number()), (int) card.count(), card.amount(),
                (int) b.totals().cardRefunds().count(), b.totals().cardRefunds().amount(), currency, byMethod);
    }

    private static TerminalStatus.StoreAndForward safQueue(StoreAndForward.Queue q) {
        return new TerminalStatus.StoreAndForward(q.count(), q.amount(), q.oldest(), q.expiresAt());
    }

    private static void expiryWatch(StoreAndForward saf, Duration maxAge, Duration warning, Heartbeat beat) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat.beat();
                saf.watchExpiry(maxAge, warning);
                beat.waiting(Duration.ofMinutes(1));
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.warn(e, "store-and-forward expiry watch");
            }
        }
    }

    /** The alerts that come of a condition lasting or growing (link down, store-and-forward near its limits, QR reverses). */
    private static dev.posterm.core.status.AlertWatch alertWatch(PostermConfig cfg, LinkMonitor link, StoreAndForward saf,
            Duration maxAge, java.util.concurrent.atomic.AtomicReference<QrPayments> qr, Alerts alerts, Clock clock) {
        return new dev.posterm.core.status.AlertWatch(link, () -> {
            StoreAndForward.Queue q = saf.view(maxAge);
            return new dev.posterm.core.status.AlertWatch.Queue(q.count(), q.amount());
        }, () -> qr.get() == null ? java.util.List.of() : qr.get().reversing().stream().filter(QrPayments.Reversing::stuck)
                .map(r -> new dev.posterm.core.status.AlertWatch.StuckReverse(r.paymentId(), r.outTradeNo(), r.attempts(),
                        r.lastRefusal())).toList(), cfg.offline(), cfg.alerts(), alerts, clock);
    }

    /** LEDs and buzzer; outputs go dark (and quiet) when the controller stops. */
    private static Indicators indicators(GpioBoard board, PostermConfig.Gpio gpio, Alerts alerts) {
        return new Indicators(board.output(new OutputSpec("online-led", gpio.onlineLed(), false, false)),
                board.output(new OutputSpec("offline-led", gpio.offlineLed(), false, false)),
                board.output(new OutputSpec("alert-led", gpio.alertLed(), false, false)),
                board.output(new OutputSpec("buzzer", gpio.buzzer(), false, false)),
                () -> alerts.open().size());
    }

    /** The board's GPIO, for tests that move the mock provider's inputs (the case switch, the service button). */
    GpioBoard board() {
        return board;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        toClose.push(resource);
        return resource;
    }

    /** A background loop with a heartbeat the watchdog watches; {@code grace}: the longest one turn's own work may take. */
    private void watched(String name, Duration grace, java.util.function.Consumer<Heartbeat> loop) {
        Heartbeat beat = heartbeats.register(name, grace);
        background(name, () -> loop.accept(beat));
    }

    private void background(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        threads.push(t);
    }

    /** Stops in reverse order of start: the API first, so no new payment begins while stopping. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Logger.info("posterm stopping");
        while (!toClose.isEmpty()) {
            AutoCloseable r = toClose.pop();
            if (r instanceof PaymentEngine) {
                threads.forEach(Thread::interrupt);
            }
            try {
                r.close();
            } catch (Exception e) {
                Logger.warn("stopping {}: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
        threads.forEach(Thread::interrupt);
        Logger.info("posterm stopped");
    }

    /** The QR rail: the wallet gateway, and the counter's scanner when one is configured. */
    private QrPayments qrPayments(PostermConfig.Wallet w, PostermConfig.Scanner sc, PaymentBook book,
                                  ReceiptSpooler slips, Clock clock, LinkMonitor link, TerminalIdentity terminal,
                                  Alerts alerts) {
        Optional<Scanner> scanner = sc.port().map(port -> keep(new SerialScanner(
                Transports.forAddress(PortAddress.parse(port, sc.baud())), clock).start()));
        return new QrPayments(book, slips, clock, link, new CodeSource(scanner, QR_SCAN_WAIT), new QrPayments.Wallet(
                HttpWalletGateway.connect(GatewaySettings.of(w), clock), FlowTiming.of(w),
                OutTradeNoMaker.forTerminal(terminal.terminalId(), clock), terminal.terminalId(),
                terminal.merchantName()), Optional.of(alerts));
    }
}
