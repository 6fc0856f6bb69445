package dev.posterm.core.status;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.engine.LinkView;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.drivers.gpio.OutputLine;
import dev.posterm.drivers.modem.Modem;
import dev.posterm.drivers.modem.ModemStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Knows whether the acquirer can be reached, and why not: from 0800 echo tests, the answers real
 * sales get, their round trips, and the modem's own view over its AT port.
 *
 * <ul>
 *   <li>OFFLINE after two failures in a row (an echo or a sale unanswered or unreachable), ONLINE
 *       again after two successes: one lost echo does not flip it.</li>
 *   <li>DEGRADED while answers come slower than {@code slowPercent} of the host timeout.</li>
 *   <li>The cause: NETWORK_DOWN when the modem is deregistered, without signal or detached; HOST_DOWN
 *       when the network is fine but the host refuses or stays silent; SLOW when it answers late.</li>
 *   <li>The modem is the uplink (a wired terminal has none): when it says it has no network (not
 *       registered, or detached), that counts as a failure at once and an echo goes out at once to
 *       confirm it; with the connection already down the terminal is offline within two readings.
 *       An echo the host answers always wins over the modem's word.</li>
 *   <li>A modem that stops answering AT three times running is power-cycled through its PWRKEY line,
 *       with backoff doubling from 1 min to 30 min, and a MODEM_NOT_ANSWERING alert stays open until
 *       it answers again.</li>
 * </ul>
 * The modem is read every {@value #MODEM_EVERY_SECONDS} s (or every echo, if echoes are more
 * frequent); while anything looks wrong, modem and echo are both checked every
 * {@value #WATCH_SECONDS} s.
 * Every change of state is published (event stream, LEDs). Time comes from the clock; {@link #tick()}
 * is one round, so tests drive it without sleeping.
 */
public final class LinkMonitor implements LinkView {
    public enum State { ONLINE, DEGRADED, OFFLINE }

    public enum Cause { NONE, NETWORK_DOWN, HOST_DOWN, SLOW }

    static final int MODEM_EVERY_SECONDS = 10;
    static final int WATCH_SECONDS = 3;

    /** The link as the engine and status see it. {@code outageSince}: when it went OFFLINE. */
    public record View(State state, Cause cause, Instant since, String reason, Optional<ModemStatus> modem,
                       Optional<Instant> outageSince, Optional<Duration> lastRoundTrip) {
    }

    private final HostLink host;
    private final Supplier<IsoMessage> echo;
    private final Optional<Modem> modem;
    private final Optional<OutputLine> powerKey;
    private final EventHub events;
    private final Alerts alerts;
    private final Clock clock;
    private final Duration echoInterval;
    private final Duration slow;
    private int failures;
    private int successes;
    private int modemSilences;
    private Duration powerCycleBackoff = Duration.ofMinutes(1);
    private Instant nextPowerCycle = Instant.MIN;
    // Volatile: a sale's failure (report, on the card lane) brings the next echo forward.
    private volatile Instant nextEcho = Instant.MIN;
    private Instant nextModemCheck = Instant.MIN;
    // True at start: an alert left open by the last run is cleared once the modem answers.
    private boolean modemAlertOpen = true;
    private volatile View view;

    public LinkMonitor(HostLink host, Supplier<IsoMessage> echo, Optional<Modem> modem, Optional<OutputLine> powerKey,
                       EventHub events, Alerts alerts, Clock clock, Duration echoInterval, Duration hostTimeout,
                       int slowPercent) {
        this.host = host;
        this.echo = echo;
        this.modem = modem;
        this.powerKey = powerKey;
        this.events = events;
        this.alerts = alerts;
        this.clock = clock;
        this.echoInterval = echoInterval;
        this.slow = hostTimeout.multipliedBy(slowPercent).dividedBy(100);
        this.view = new View(State.ONLINE, Cause.NONE, clock.instant(), "starting", Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public View current() {
        return view;
    }

    @Override
    public boolean knownDown() {
        return view.state() == State.OFFLINE;
    }

    @Override
    public Optional<Instant> outageSince() {
        return view.outageSince();
    }

    /** A real exchange's result counts like an echo's: the engine reports every 0200's. */
    @Override
    public synchronized void report(HostReply reply) {
        switch (reply) {
            case HostReply.Answered a -> success(a.roundTrip());
            case HostReply.NoAnswer n -> failure("the host did not answer within " + n.waited().toMillis() + " ms");
            case HostReply.Unreachable u -> failure(u.reason());
        }
    }

    /** One round: the modem when due, an echo when due. */
    public void tick() throws InterruptedException {
        Instant now = clock.instant();
        Duration watchEvery = min(echoInterval, Duration.ofSeconds(WATCH_SECONDS));
        if (modem.isPresent() && !now.isBefore(nextModemCheck)) {
            ModemStatus m = modem.get().query(Duration.ofSeconds(2));
            synchronized (this) {
                view = withModem(view, Optional.of(m));
            }
            watchModem(m);
            boolean noNetwork = networkDown(Optional.of(m));
            nextModemCheck = now.plus(noNetwork || watching() ? watchEvery
                    : min(echoInterval, Duration.ofSeconds(MODEM_EVERY_SECONDS)));
            if (noNetwork) {
                synchronized (this) {
                    failure("the modem has no network");
                }
                if (!host.health().connected()) {
                    nextEcho = now.plus(watchEvery);
                    return;   // nothing to send an echo on, and the modem says why
                }
                // Still connected: ask the host at once. A dead network fails the echo (offline within
                // its wait); an answer wins over the modem's word, so a modem that misreports can never
                // keep a terminal whose host answers offline.
                nextEcho = now;
            }
        }
        if (now.isBefore(nextEcho)) {
            return;
        }
        boolean connected = host.health().connected();
        HostReply reply = connected ? host.exchange(echo.get(), Duration.ofSeconds(10))
                : new HostReply.Unreachable(host.health().lastProblem().orElse("not connected"));
        report(reply);
        // Not connected, offline, or one echo lost: look again soon, so an outage is noticed before the
        // next customer taps and its end before the cashier has to ask.
        nextEcho = clock.instant().plus(watching() ? watchEvery : echoInterval);
    }

    private synchronized boolean watching() {
        return failures > 0 || view.state() == State.OFFLINE || !host.health().connected();
    }

    private void success(Duration roundTrip) {
        failures = 0;
        successes++;
        boolean late = roundTrip.compareTo(slow) > 0;
        if (view.state() == State.OFFLINE && successes < 2) {
            return;
        }
        change(late ? State.DEGRADED : State.ONLINE, late ? Cause.SLOW : Cause.NONE, late
                ? "the host answers slowly (" + roundTrip.toMillis() + " ms)" : "the host answers", Optional.of(roundTrip));
    }

    private void failure(String why) {
        successes = 0;
        failures++;
        // Watch from now on, whoever found the failure: a sale's unanswered 0200 must not leave the
        // next echo at the full interval, or an OFFLINE link (every sale offline, over-floor ones
        // refused) would outlast a host that answers again by up to echo_interval_seconds.
        Instant soon = clock.instant().plusSeconds(WATCH_SECONDS);
        if (nextEcho.isAfter(soon)) {
            nextEcho = soon;
        }
        if (failures < 2 && view.state() != State.OFFLINE) {
            return;
        }
        Cause cause = networkDown(view.modem()) ? Cause.NETWORK_DOWN : Cause.HOST_DOWN;
        String reason = cause == Cause.NETWORK_DOWN ? "our network is down (" + describe(view.modem().get()) + ")"
                : "the acquirer is down: " + why;
        change(State.OFFLINE, cause, reason, view.lastRoundTrip());
    }

    private void change(State state, Cause cause, String reason, Optional<Duration> roundTrip) {
        View old = view;
        Instant now = clock.instant();
        boolean moved = old.state() != state || old.cause() != cause;
        Optional<Instant> outage = state == State.OFFLINE ? old.outageSince().or(() -> Optional.of(now)) : Optional.empty();
        view = new View(state, cause, moved ? now : old.since(), reason, old.modem(), outage, roundTrip);
        if (moved) {
            Logger.info("link {} ({}): {}", state, cause, reason);
            events.publish(new TerminalEvent.LinkChanged(now, state.name(), reason));
        }
    }

    private static View withModem(View v, Optional<ModemStatus> m) {
        return new View(v.state(), v.cause(), v.since(), v.reason(), m.or(v::modem), v.outageSince(), v.lastRoundTrip());
    }

    /**
     * The modem says it has no network: not registered, or detached from the packet domain. Signal
     * alone does not count: +CSQ 99 means "unknown" (LTE-only modules report it), and a weak signal
     * still carries data.
     */
    static boolean networkDown(Optional<ModemStatus> modem) {
        return modem.filter(m -> m.answering() && (m.registration().map(r -> !r.registered()).orElse(false)
                || m.attached().map(a -> !a).orElse(false))).isPresent();
    }

    private static String describe(ModemStatus m) {
        return "registration " + m.registration().map(Enum::name).orElse("?") + ", signal "
                + m.signalDbm().map(d -> d + " dBm").orElse("none") + ", attached " + m.attached().orElse(false);
    }

    private void watchModem(ModemStatus m) {
        if (m.answering()) {
            modemSilences = 0;
            if (modemAlertOpen) {
                alerts.clear(Alerts.Kind.MODEM_NOT_ANSWERING);
                modemAlertOpen = false;
            }
            return;
        }
        modemSilences++;
        Instant now = clock.instant();
        if (modemSilences < 3) {
            return;
        }
        if (powerKey.isEmpty()) {
            raiseModemAlert("the modem does not answer AT and no PWRKEY line is configured to restart it");
        } else if (!now.isBefore(nextPowerCycle)) {
            Logger.warn("modem silent on AT {} times: power-cycling it through PWRKEY", modemSilences);
            raiseModemAlert("the modem does not answer AT: power-cycled through PWRKEY");
            powerKey.get().pulse(Duration.ofMillis(1500));
            nextPowerCycle = now.plus(powerCycleBackoff);
            powerCycleBackoff = powerCycleBackoff.multipliedBy(2).compareTo(Duration.ofMinutes(30)) > 0
                    ? Duration.ofMinutes(30) : powerCycleBackoff.multipliedBy(2);
            modemSilences = 0;
        }
    }

    private void raiseModemAlert(String detail) {
        alerts.raise(Alerts.Kind.MODEM_NOT_ANSWERING, detail);
        modemAlertOpen = true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** Ticks every second until interrupted. */
    public void runForever() {
        runForever(Heartbeat.unwatched());
    }

    /** As {@link #runForever()}, beating {@code beat} at each tick (an echo or AT command is bounded by its timeout). */
    public void runForever(Heartbeat beat) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat.beat();
                tick();
                beat.waiting(Duration.ofSeconds(1));
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.warn(e, "link monitor");
            }
        }
    }
}
