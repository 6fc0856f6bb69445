package dev.posterm.core.wiring;

import dev.posterm.config.ConfigException;
import dev.posterm.config.ConfigLoader;
import dev.posterm.config.PostermConfig;
import dev.posterm.config.bundle.Bundle;
import dev.posterm.config.bundle.BundleOutcome;
import dev.posterm.config.bundle.ConfigFile;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.bundle.BundleDesk;
import dev.posterm.core.bundle.ConfigDesk;
import dev.posterm.core.bundle.ConfigLedger;
import dev.posterm.core.bundle.ConfigSlip;
import dev.posterm.core.bundle.Intake;
import dev.posterm.core.bundle.PaymentGate;
import dev.posterm.core.bundle.Source;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.journal.ConfigTable;
import dev.posterm.core.journal.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * {@code posterm run} with live configuration: holds data.dir's lock and the controller, takes
 * signed bundles ({@code config-bundle.md}) and swaps the controller for one built from the new
 * file, then keeps it only if its devices and host answer within {@code config.rollback_seconds}.
 * <pre>
 *   bundle accepted: journal APPLYING, file replaced      (BundleDesk)
 *   gate closed: new payments 503 CONFIG_APPLYING          status config.state APPLYING
 *   wait: no payment start in flight, none PENDING         each payment ends under the old config
 *   old controller stopped, new one started from the file  every port, the host, the API reopened
 *   check: echo 0800 answered, reader answers P            until the deadline
 *     ok:   journal APPLIED (CONFIRMED)
 *     fail: previous file back, journal ROLLED_BACK, old controller started again,
 *           alert CONFIG_ROLLED_BACK, event, slip
 *   gate opened
 * </pre>
 * Why the whole controller is rebuilt rather than the parts that changed: start is the path every
 * boot tests, it reopens exactly what the file says, and with no payment in progress it loses
 * nothing (recovery finds nothing to do). The API is down for the moment of the swap; registers
 * retry connections as they do across a restart.
 *
 * <p>If the process dies mid-apply, the journal says APPLYING: on the next start the file on disk
 * is the truth for what ran, and an apply that was never confirmed is undone ({@link #settle}).
 */
public final class ConfigApply implements ConfigDesk, BundleDesk.Taker, AutoCloseable {
    /** How long a new configuration waits for the payments in progress to end before it is abandoned. */
    static final Duration PAYMENT_WAIT = Duration.ofMinutes(10);
    private static final Duration PAYMENT_LOOK = Duration.ofMillis(200);

    private final Path configFile;
    private final Clock clock;
    private final Journal journal;
    private final ConfigLedger ledger;
    private final BundleDesk desk;
    private final PaymentGate gate = new PaymentGate();
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-apply");
        t.setDaemon(true);
        return t;
    });
    private final Object switching = new Object();
    private final DataDirLock lock;
    private volatile PostermConfig config;
    private Controller controller;   // under switching
    private boolean closed;          // under switching

    private ConfigApply(Path configFile, PostermConfig config, DataDirLock lock, Clock clock) throws IOException {
        this.configFile = configFile;
        this.config = config;
        this.lock = lock;
        this.clock = clock;
        Controller.useNativeLibrariesIn(config.data().dir());
        // A connection of its own, open across controllers: the history outlives each of them.
        this.journal = Journal.open(config.data().dir());
        this.ledger = new ConfigLedger(journal, clock);
        this.desk = new BundleDesk(configFile, ledger, () -> this.config, this);
    }

    /**
     * Starts the controller from {@code configFile} (already loaded as {@code cfg}), first undoing
     * an apply the last run did not confirm. Releases {@code lock} when it closes or fails to start.
     */
    public static ConfigApply start(Path configFile, PostermConfig cfg, DataDirLock lock) throws IOException {
        ConfigApply apply;
        try {
            apply = new ConfigApply(configFile, cfg, lock, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            apply.settle();
            return apply;
        } catch (IOException | RuntimeException e) {
            apply.close();
            throw e;
        }
    }

    /** At start: what the journal says of the last change decides what runs now. */
    private void settle() throws IOException {
        ConfigTable.Running r = ledger.running();
        switch (r.state()) {
            case CONFIRMED -> run(config);
            case APPLYING -> {
                String restored = restoreUnconfirmed(r.version());
                String why = "the controller stopped before version " + r.version() + " was confirmed: " + restored;
                Logger.warn("config: {}", why);
                ledger.rolledBack(why);
                run(config);
                announce("ROLLED BACK", r.previousVersion(), Optional.of(ConfigLedger.BUNDLE_ROLLED_BACK), why);
            }
            case AT_NEXT_START -> {
                Path previous = ConfigFile.previous(configFile);
                byte[] previousFile = Files.readAllBytes(previous);
                PostermConfig before = load(new String(previousFile, StandardCharsets.UTF_8), previous);
                ledger.checking();
                gate.close();
                Instant deadline = clock.instant().plus(config.rollback().within());
                Optional<String> failure = swapTo(config);
                applier.execute(() -> confirmOrRollBack(failure, deadline, previousFile, before, r.version()));
            }
        }
    }

    /**
     * The file on disk is the truth: if it is the unconfirmed version, the kept previous file goes
     * back; if the process died before the file was replaced, it already is the previous one.
     */
    private String restoreUnconfirmed(long unconfirmed) throws IOException {
        if (config.bundle().version() != unconfirmed) {
            return "the config file still held version " + config.bundle().version() + ", which runs";
        }
        Path previous = ConfigFile.previous(configFile);
        byte[] bytes = Files.readAllBytes(previous);
        PostermConfig before = load(new String(bytes, StandardCharsets.UTF_8), configFile);
        ConfigFile.replace(configFile, bytes);
        config = before;
        return "the previous config file (version " + before.bundle().version() + ") was put back";
    }

    private static PostermConfig load(String text, Path origin) throws IOException {
        try {
            return ConfigLoader.parse(text, origin);
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void run(PostermConfig cfg) throws IOException {
        synchronized (switching) {
            controller = Controller.start(cfg, this);
        }
    }

    PaymentGate gate() {
        return gate;
    }

    // ---- ConfigDesk: what the API asks

    @Override
    public Intake submit(Bundle bundle, Source source) throws Refused, IOException {
        return desk.submit(bundle, source);
    }

    @Override
    public ConfigTable.Running running() {
        return ledger.running();
    }

    @Override
    public PostermConfig config() {
        return config;
    }

    @Override
    public List<ConfigTable.Attempt> history() {
        return ledger.history();
    }

    @Override
    public boolean applying() {
        return gate.isClosed();
    }

    // ---- BundleDesk.Taker

    @Override
    public void take(BundleOutcome.Accepted accepted, byte[] previousFile) {
        gate.close();   // before this returns: the API's 200 means new payments already wait
        PostermConfig before = config;
        publish(new TerminalEvent.ConfigChanged(clock.instant(), accepted.version(), ConfigLedger.APPLYING,
                Optional.empty(), "taken once no payment is in progress"));
        applier.execute(() -> apply(accepted, previousFile, before));
    }

    @Override
    public void refused(long runningVersion, BundleOutcome.Refused refusal, Source source) {
        applier.execute(() -> announce("REFUSED", runningVersion, Optional.of(refusal.code().name()),
                refusal.message()));
    }

    private void apply(BundleOutcome.Accepted accepted, byte[] previousFile, PostermConfig before) {
        try {
            Optional<String> busy = awaitNoPayment();
            if (busy.isPresent()) {
                ConfigFile.replace(configFile, previousFile);
                ledger.rolledBack(busy.get());
                gate.open();
                announce("ROLLED BACK", before.bundle().version(), Optional.of(ConfigLedger.BUNDLE_ROLLED_BACK),
                        busy.get());
                return;
            }
            Instant deadline = clock.instant().plus(accepted.config().rollback().within());
            Optional<String> failure = swapTo(accepted.config());
            confirmOrRollBack(failure, deadline, previousFile, before, accepted.version());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // stopping: the journal says APPLYING, the next start undoes it
        } catch (IOException | RuntimeException e) {
            Logger.error(e, "config: applying version {} failed", accepted.version());
        }
    }

    /** With the gate closed and the new controller started (or failed to): keep it or go back. Opens the gate. */
    private void confirmOrRollBack(Optional<String> startFailure, Instant deadline, byte[] previousFile,
                                   PostermConfig before, long version) {
        try {
            Optional<String> failure = startFailure;
            if (failure.isEmpty()) {
                failure = current().map(c -> check(c, deadline)).orElse(Optional.of("stopping"));
            }
            if (failure.isEmpty()) {
                String how = "the host answered an echo test and the card reader its status";
                ledger.confirmed(how);
                Logger.info("config: version {} applied: {}", version, how);
                gate.open();
                announce("APPLIED", version, Optional.empty(), how);
                return;
            }
            rollBack(previousFile, before, "version " + version + " did not work within "
                    + config.rollback().within().toSeconds() + " s: " + failure.get());
        } catch (IOException | RuntimeException e) {
            Logger.error(e, "config: confirming version {} failed", version);
        } finally {
            gate.open();
        }
    }

    private static Optional<String> check(Controller c, Instant deadline) {
        try {
            return c.live().check().run(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted: the controller is stopping");
        }
    }

    private void rollBack(byte[] previousFile, PostermConfig before, String why) throws IOException {
        Logger.error("config: {}; going back to version {}", why, before.bundle().version());
        synchronized (switching) {
            if (closed) {
                return;   // stopping: the journal says APPLYING, the next start undoes it
            }
            if (controller != null) {
                controller.close();
                controller = null;
            }
            ConfigFile.replace(configFile, previousFile);
            ledger.rolledBack(why);
            config = before;
            controller = Controller.start(before, this);
        }
        announce("ROLLED BACK", before.bundle().version(), Optional.of(ConfigLedger.BUNDLE_ROLLED_BACK), why);
    }

    /** Stops the running controller and starts one from {@code next}; empty, or why it did not start. */
    private Optional<String> swapTo(PostermConfig next) {
        synchronized (switching) {
            if (closed) {
                return Optional.of("the controller is stopping");
            }
            if (controller != null) {
                controller.close();
                controller = null;
            }
            try {
                controller = Controller.start(next, this);
                config = next;
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                Logger.error(e, "config: the controller did not start with the new configuration");
                return Optional.of("the controller did not start with it: " + e.getMessage());
            }
        }
    }

    /** Empty once no start is in flight and no payment is PENDING; else why it gave up. */
    private Optional<String> awaitNoPayment() throws InterruptedException {
        if (!gate.awaitNoStarts(PAYMENT_WAIT)) {
            return Optional.of("a payment was still starting after " + PAYMENT_WAIT.toMinutes() + " min");
        }
        Instant end = clock.instant().plus(PAYMENT_WAIT);
        int pending;
        while ((pending = current().map(c -> c.live().journal().read(
                dev.posterm.core.journal.ConfigTable::paymentsInProgress)).orElse(0)) > 0) {
            if (!clock.instant().isBefore(end)) {
                return Optional.of(pending + " payment(s) stayed in progress for " + PAYMENT_WAIT.toMinutes()
                        + " min: the new configuration was not taken");
            }
            Thread.sleep(PAYMENT_LOOK.toMillis());   // looking again, bounded by end
        }
        return Optional.empty();
    }

    private Optional<Controller> current() {
        synchronized (switching) {
            return Optional.ofNullable(controller);
        }
    }

    /** Says it everywhere: log, event (and the buzzer), alert (and the LED), a slip. */
    private void announce(String title, long version, Optional<String> code, String reason) {
        Optional<LiveParts> live = current().map(Controller::live);
        if (live.isEmpty()) {
            return;
        }
        LiveParts p = live.get();
        String outcome = title.replace(' ', '_');
        publish(new TerminalEvent.ConfigChanged(clock.instant(), version, outcome, code, reason));
        switch (outcome) {
            case "APPLIED" -> {
                p.alerts().clear(Alerts.Kind.CONFIG_ROLLED_BACK);
                p.alerts().clear(Alerts.Kind.CONFIG_BUNDLE_REFUSED);
            }
            case "REFUSED" -> p.alerts().raiseOrRestate(Alerts.Kind.CONFIG_BUNDLE_REFUSED, code.orElse("") + ": "
                    + reason);
            default -> p.alerts().raiseOrRestate(Alerts.Kind.CONFIG_ROLLED_BACK, reason);
        }
        var slip = ConfigSlip.of(new ConfigSlip.Outcome(title, version, code.orElse(""), reason),
                p.terminal().terminalId(), clock.instant(), p.terminal().zone(), p.chinese());
        Logger.info("config slip ({}): {}", title, p.slips().printNow(slip));
    }

    private void publish(TerminalEvent event) {
        current().ifPresent(c -> c.live().events().publish(event));
    }

    @Override
    public void close() {
        synchronized (switching) {
            if (closed) {
                return;
            }
            closed = true;
        }
        applier.shutdownNow();
        try {
            applier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (switching) {
            if (controller != null) {
                controller.close();
                controller = null;
            }
        }
        journal.close();
        lock.close();
    }
}
