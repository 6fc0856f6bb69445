package dev.posterm.core.engine;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.receipt.ReceiptSpooler;
import dev.posterm.core.receipt.SlipFactory;
import dev.posterm.core.saf.ReversalQueue;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.Tlv;
import dev.posterm.drivers.reader.Track2;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The engine on a real SQLite journal with fake devices and host. */
final class EngineRig implements AutoCloseable {
    static final String TEST_PAN = "4761739001010119";
    /** terminal.support_contact of the rig's terminal. */
    static final String SUPPORT = "400-800-1234";

    final Journal journal;
    final FakeReader reader = new FakeReader();
    final FakeHost host = new FakeHost();
    final FakePrinter printer = new FakePrinter();
    final EventHub events = new EventHub();
    final Clock clock;
    final TerminalIdentity terminal = new TerminalIdentity("T0000001", "M00000000000001", "Test Shop", "CNY", 156, 2,
            ZoneId.of("Asia/Shanghai"));
    final PaymentBook book;
    final Alerts alerts;
    final ReversalQueue reversals;
    final ReceiptSpooler spooler;
    final PaymentEngine engine;
    final dev.posterm.core.vault.CardVault vault;
    final dev.posterm.core.saf.StoreAndForward saf;
    /** What the link monitor says; tests set it OFFLINE to skip the host. */
    volatile dev.posterm.core.status.LinkMonitor.View link = view(dev.posterm.core.status.LinkMonitor.State.ONLINE);
    static final dev.posterm.config.PostermConfig.Offline LIMITS = new dev.posterm.config.PostermConfig.Offline(true,
            20_000, 200_000, 50, 72, 3, List.of(), List.of(), List.of(), List.of());

    static dev.posterm.core.status.LinkMonitor.View view(dev.posterm.core.status.LinkMonitor.State state) {
        return new dev.posterm.core.status.LinkMonitor.View(state, dev.posterm.core.status.LinkMonitor.Cause.NONE,
                java.time.Instant.now(), "test", Optional.empty(),
                state == dev.posterm.core.status.LinkMonitor.State.OFFLINE ? Optional.of(java.time.Instant.now())
                        : Optional.empty(), Optional.empty());
    }

    EngineRig(Path dir, boolean chinese) {
        this(dir, chinese, Clock.systemUTC());
    }

    /** {@code clock}: a {@link dev.posterm.core.testing.ManualClock} for tests whose timers must run out on cue. */
    EngineRig(Path dir, boolean chinese, Clock clock) {
        this(dir, chinese, clock, 0);
    }

    /** {@code remindBeforeSeconds}: orders.remind_before_seconds (0: no reminders). */
    EngineRig(Path dir, boolean chinese, Clock clock, int remindBeforeSeconds) {
        this.clock = clock;
        journal = Journal.open(dir);
        book = new PaymentBook(journal, events, clock, Optional.of(SUPPORT));
        alerts = new Alerts(journal, events, clock);
        HostMessages messages = new HostMessages(terminal);
        reversals = new ReversalQueue(journal, host, messages, alerts, clock, Duration.ofSeconds(2));
        spooler = new ReceiptSpooler(journal, printer, new SlipFactory(terminal, chinese, Optional.of(SUPPORT)), alerts, clock);
        vault = dev.posterm.core.vault.CardVault.open(dir);
        saf = new dev.posterm.core.saf.StoreAndForward(journal, host, messages, vault, reversals, alerts, events,
                clock, Duration.ofSeconds(2), new dev.posterm.config.PostermConfig.Saf(4, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofHours(12)), Duration.ofHours(72));
        LinkView linkView = new LinkView() {
            @Override
            public boolean knownDown() {
                return link.state() == dev.posterm.core.status.LinkMonitor.State.OFFLINE;
            }

            @Override
            public Optional<java.time.Instant> outageSince() {
                return link.outageSince();
            }

            @Override
            public void report(dev.posterm.core.hostlink.HostReply reply) {
            }
        };
        engine = new PaymentEngine(new Orders(terminal, book, clock, 900, remindBeforeSeconds),
                new CardLane(reader, 30, host, messages, Duration.ofSeconds(2)),
                new Offline(vault, new dev.posterm.core.engine.offline.OfflinePolicy(LIMITS), linkView, 72),
                new Owed(reversals, spooler, saf, spooler), alerts, events);
        engine.start();
    }

    static CardRead chipCard(Cid cid) {
        HexFormat hex = HexFormat.of();
        return new CardRead(Optional.of(Pan.of(TEST_PAN)), Optional.of(Expiry.ofYymmdd("301231")),
                Optional.of(Track2.of(TEST_PAN + "D30122011234567800000")), Optional.of(1), cid, EntryMode.CHIP,
                Optional.of("A0000000031010"), Optional.of("VISA CREDIT"),
                List.of(new Tlv(0x9F26, hex.parseHex("1122334455667788")),
                        new Tlv(0x9F27, new byte[] {(byte) (cid == Cid.ARQC ? 0x80 : cid == Cid.TC ? 0x40 : 0x00)}),
                        new Tlv(0x9F36, hex.parseHex("0012")), new Tlv(0x95, hex.parseHex("0000008000"))));
    }

    /** A swipe as the reader reports it: 9F27 80 and DF40, no chip data (card-reader-link.md, flow 5). */
    static CardRead swipedCard(EntryMode mode) {
        return new CardRead(Optional.of(Pan.of(TEST_PAN)), Optional.of(Expiry.ofYymmdd("301231")),
                Optional.of(Track2.of(TEST_PAN + "D30122011234567800000")), Optional.empty(), Cid.ARQC, mode,
                Optional.empty(), Optional.empty(), List.of(new Tlv(0x9F27, new byte[] {(byte) 0x80})));
    }

    /** Creates an order and pays it by card; returns the payment once it has its outcome. */
    Payment payByCard(String orderId, long amount) throws Exception {
        engine.createOrder(new NewOrder(Optional.of(orderId), new Money(amount, "CNY"), Optional.empty(),
                Optional.empty()));
        Payment p = engine.startPayment(orderId, new NewPayment(PaymentMethod.CARD, Optional.empty(), Optional.empty()),
                Optional.empty());
        return engine.awaitPayment(p.paymentId(), Duration.ofSeconds(10)).orElseThrow();
    }

    @Override
    public void close() {
        engine.close();
        journal.close();
    }
}
