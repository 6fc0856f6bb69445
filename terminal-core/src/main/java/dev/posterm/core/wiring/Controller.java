package dev.posterm.core.wiring;

import dev.posterm.config.PostermConfig;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.api.ApiServer;
import dev.posterm.core.api.MetricsPage;
import dev.posterm.core.batch.Batches;
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

    private Controller() {
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
        java.nio.file.Path native_ = cfg.data().dir().resolve("native");
        System.setProperty("org.sqlite.tmpdir", java.nio.file.Files.createDirectories(native_.resolve("sqlite")).toString());
        NativeLibraries.useDirectory(native_);
        Logger.info("posterm {} starting: terminal {}, data in {}", Release.version(), cfg.terminal().id(), cfg.data().dir());
        cfg.api().warnings().forEach(w -> Logger.warn("config: {}", w));

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
        Optional<OutputLine> powerKey = cfg.gpio().modemPowerKey().map(pin ->
                board.output(new OutputSpec("modem-pwrkey", pin, false, false)));
        LinkMonitor link = new LinkMonitor(host, () -> messages.echo(journal.inTransaction(Counters::nextStan),
                clock.instant()), modem, powerKey, events, alerts, clock, cfg.link().echoInterval(), cfg.host().timeout(),
                cfg.link().slowPercent());
        CardVault vault = CardVault.open(cfg.data().dir());
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
        if (qrRail.get() == null && cfg.scanner().present()) {
            // A scanner only serves QR payments: without a [wallet] it is configured but never opened.
            status.showQr(() -> TerminalStatus.WalletGateway.NONE,
                    () -> new TerminalStatus.ScannerPort(true, cfg.scanner().port(), false));
        }
        engine.start();   // after recovery: orders past their pay-by time lapse, the others' timers are armed
        saf.checkDataKey();   // a new data key cannot open what waits: say so before anything else runs
        host.start();
        reader.connect();
        printer.connect();
        background("reversals", reversals::runForever);
        background("receipts", spooler::runForever);
        background("link-monitor", link::runForever);
        background("store-and-forward", () -> {
            saf.runForever();
        });
        cfg.batch().autoCloseAt().ifPresent(at -> background("batch-auto-close",
                new dev.posterm.core.batch.AutoClose(batches.get(), at, terminal.zone(), clock)::runForever));
        background("saf-expiry", () -> expiryWatch(saf, maxAge, cfg.saf().expiryWarning()));
        events.subscribe(dev.posterm.core.receipt.AlertSlip.printer(spooler, alerts, terminal,
                cfg.terminal().locale() == PostermConfig.Locale.ZH_CN));
        background("alert-watch", alertWatch(cfg, link, saf, maxAge, qrRail, alerts, clock)::runForever);

        ApiServer api = keep(new ApiServer(cfg.api().listenHost(), cfg.api().listenPort(), cfg.api().cashierToken(),
                cfg.api().backofficeToken(), terminal.currency(), cfg.api().tlsCertificate(), cfg.api().tlsKey(),
                engine, status, clock, 8, Optional.of(new MetricsPage(TerminalMetrics.CONTENT_TYPE, metrics::scrape)),
                batches.get()));
        try {
            api.start();
        } catch (IOException e) {
            throw new IOException("cannot listen for the API on " + cfg.api().listenHost() + ":" + cfg.api().listenPort()
                    + ": " + e.getMessage() + " (is another program using that port? see api.listen)", e);
        }
        Logger.info("posterm ready: API on {}:{}", cfg.api().listenHost(), api.address().getPort());
        tellSystemd(System.getenv());
    }

    /** Under systemd (Type=notify): ready now that the API answers, and the watchdog if the unit set one. */
    private void tellSystemd(java.util.Map<String, String> env) {
        ServiceNotifier.fromEnvironment(env).ifPresent(notifier -> {
            notifier.send("READY=1");
            java.util.List<Thread> loops = java.util.List.copyOf(threads);
            ServiceNotifier.watchdogInterval(env, ProcessHandle.current().pid()).ifPresent(interval -> {
                Watchdog watchdog = new Watchdog(notifier, () -> loops);
                background("watchdog", () -> watchdog.runForever(interval));
                Logger.info("systemd watchdog: petted every {} ms while {} loops live", interval.toMillis() / 2, loops.size());
            });
        });
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

    private static void expiryWatch(StoreAndForward saf, Duration maxAge, Duration warning) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                saf.watchExpiry(maxAge, warning);
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

    private <T extends AutoCloseable> T keep(T resource) {
        toClose.push(resource);
        return resource;
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
