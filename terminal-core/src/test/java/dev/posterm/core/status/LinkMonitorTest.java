package dev.posterm.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostLinkHealth;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.drivers.modem.Modem;
import dev.posterm.drivers.modem.ModemStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkMonitorTest {
    /** A host whose next echo answers are scripted. */
    static final class ScriptedHost implements HostLink {
        volatile boolean connected = true;
        volatile HostReply next = answered(Duration.ofMillis(80));
        int echoes;

        @Override
        public void start() {
        }

        @Override
        public HostReply exchange(IsoMessage request, Duration timeout) {
            echoes++;
            return next;
        }

        @Override
        public HostLinkHealth health() {
            return new HostLinkHealth(connected, "host:1", Instant.EPOCH, 0, Optional.empty(), 0, 0, Optional.empty());
        }

        @Override
        public void close() {
        }
    }

    static HostReply answered(Duration rt) {
        return new HostReply.Answered(new IsoMessage("0810", Map.of(39, "00")), rt);
    }

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    final ScriptedHost host = new ScriptedHost();
    final EventHub events = new EventHub();
    final List<TerminalEvent.LinkChanged> changes = new ArrayList<>();
    volatile ModemStatus modemSays = new ModemStatus(true, Optional.of(20), Optional.of(ModemStatus.Registration.HOME),
            Optional.of(true), Instant.EPOCH);
    int modemQueries;
    final Modem modem = new Modem() {
        @Override
        public ModemStatus query(Duration perCommand) {
            modemQueries++;
            return modemSays;
        }

        @Override
        public void close() {
        }
    };
    final IndicatorsTest.Line powerKey = new IndicatorsTest.Line("pwrkey");
    LinkMonitor monitor;

    @TempDir
    Path dir;
    Journal journal;
    Alerts alerts;

    @AfterEach
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    LinkMonitor monitor(Optional<Modem> m) {
        journal = Journal.open(dir);
        alerts = new Alerts(journal, events, clock);
        events.subscribe(e -> {
            if (e instanceof TerminalEvent.LinkChanged l) {
                changes.add(l);
            }
        });
        return new LinkMonitor(host, () -> new IsoMessage("0800", Map.of(70, "301")), m, Optional.of(powerKey), events,
                alerts, clock, Duration.ofSeconds(30), Duration.ofSeconds(10), 50);
    }

    /** One echo round, 30 s later. */
    void round() throws InterruptedException {
        clock.advance(Duration.ofSeconds(30));
        monitor.tick();
    }

    @Test
    void oneLostEchoDoesNotFlipTheLinkButTwoDoAndTwoAnswersBringItBack() throws Exception {
        monitor = monitor(Optional.empty());
        round();
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state());

        host.next = new HostReply.NoAnswer(Duration.ofSeconds(10));
        round();
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state(), "one lost echo is not an outage");
        round();
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state());
        assertEquals(LinkMonitor.Cause.HOST_DOWN, monitor.current().cause());
        assertEquals(Optional.of(clock.instant()), monitor.current().outageSince());

        host.next = answered(Duration.ofMillis(80));
        round();
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state(), "one answer is not a recovery");
        round();
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state());
        assertEquals(List.of("OFFLINE", "ONLINE"), changes.stream().skip(changes.size() - 2)
                .map(TerminalEvent.LinkChanged::state).toList());
    }

    @Test
    void aDeregisteredModemIsOurNetworkNotTheAcquirer() throws Exception {
        monitor = monitor(Optional.of(modem));
        modemSays = new ModemStatus(true, Optional.of(20), Optional.of(ModemStatus.Registration.SEARCHING),
                Optional.of(false), Instant.EPOCH);
        host.connected = false;
        round();
        round();
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state());
        assertEquals(LinkMonitor.Cause.NETWORK_DOWN, monitor.current().cause());
        assertTrue(monitor.current().reason().contains("our network"), monitor.current().reason());
    }

    @Test
    void aRegisteredModemWithASilentHostIsTheAcquirerDown() throws Exception {
        monitor = monitor(Optional.of(modem));
        host.next = new HostReply.Unreachable("connection refused");
        round();
        round();
        assertEquals(LinkMonitor.Cause.HOST_DOWN, monitor.current().cause());
        assertTrue(monitor.current().reason().contains("acquirer"), monitor.current().reason());
    }

    @Test
    void slowAnswersMakeTheLinkDegradedNotOffline() throws Exception {
        monitor = monitor(Optional.empty());
        host.next = answered(Duration.ofSeconds(6));   // over 50 % of the 10 s timeout
        round();
        assertEquals(LinkMonitor.State.DEGRADED, monitor.current().state());
        assertEquals(LinkMonitor.Cause.SLOW, monitor.current().cause());
    }

    @Test
    void aFailedSaleCountsLikeALostEcho() throws Exception {
        monitor = monitor(Optional.empty());
        monitor.report(new HostReply.Unreachable("refused"));
        monitor.report(new HostReply.NoAnswer(Duration.ofSeconds(10)));
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state(), "the next customer goes offline at once");
    }

    @Test
    void aModemSilentOnAtIsPowerCycledWithBackoff() throws Exception {
        monitor = monitor(Optional.of(modem));
        modemSays = new ModemStatus(false, Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH);
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertEquals(1, powerKey.pulses.size(), "pulsed PWRKEY after three silent rounds");
        // Rounds are 30 s apart: three more silent rounds (90 s) pass the first 1 min backoff.
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertEquals(2, powerKey.pulses.size(), "again once the 1 min backoff has passed");
        // The backoff doubles to 2 min: three silent rounds (90 s) are not enough now, a fourth is.
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertEquals(2, powerKey.pulses.size(), "not within the doubled backoff");
        round();
        assertEquals(3, powerKey.pulses.size(), "after it");
        assertEquals(Duration.ofMillis(1500), powerKey.pulses.get(0));
        assertEquals(List.of("MODEM_NOT_ANSWERING"), openAlerts(), "the technician sees why");

        modemSays = registeredModem();
        round();
        assertEquals(List.of(), openAlerts(), "cleared once the modem answers again");
    }

    @Test
    void aModemThatLosesItsNetworkTakesTheTerminalOfflineWithinTwoReadings() throws Exception {
        monitor = monitor(Optional.of(modem));
        round();
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state());
        int echoes = host.echoes;

        host.connected = false;   // the connection went with the network
        modemSays = new ModemStatus(true, Optional.of(99), Optional.of(ModemStatus.Registration.SEARCHING),
                Optional.of(false), Instant.EPOCH);
        clock.advance(Duration.ofSeconds(LinkMonitor.MODEM_EVERY_SECONDS));
        monitor.tick();
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state(), "one bad reading is not an outage");
        clock.advance(Duration.ofSeconds(LinkMonitor.WATCH_SECONDS));
        monitor.tick();
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state(), "13 s after the network went");
        assertEquals(LinkMonitor.Cause.NETWORK_DOWN, monitor.current().cause());
        assertEquals(echoes, host.echoes, "no echo without a connection to send it on");

        host.connected = true;
        modemSays = registeredModem();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(LinkMonitor.WATCH_SECONDS));
            monitor.tick();
        }
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state(), "two echoes answered once it is back");
    }

    @Test
    void aDeadNetworkBehindAStillOpenConnectionIsConfirmedByOneEcho() throws Exception {
        monitor = monitor(Optional.of(modem));
        round();
        modemSays = new ModemStatus(true, Optional.of(12), Optional.of(ModemStatus.Registration.NOT_REGISTERED),
                Optional.of(true), Instant.EPOCH);
        host.next = new HostReply.NoAnswer(Duration.ofSeconds(10));   // TCP has not noticed yet
        clock.advance(Duration.ofSeconds(LinkMonitor.MODEM_EVERY_SECONDS));
        monitor.tick();
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state(), "the modem's word and one lost echo");
        assertEquals(LinkMonitor.Cause.NETWORK_DOWN, monitor.current().cause());
    }

    @Test
    void aModemThatMisreportsCannotKeepATerminalWhoseHostAnswersOffline() throws Exception {
        monitor = monitor(Optional.of(modem));
        modemSays = new ModemStatus(true, Optional.of(99), Optional.of(ModemStatus.Registration.HOME),
                Optional.of(false), Instant.EPOCH);   // "detached", yet the host answers
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(LinkMonitor.MODEM_EVERY_SECONDS));
            monitor.tick();
        }
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state(), "every echo was answered");
        assertTrue(host.echoes >= 6, "each reading was checked against the host: " + host.echoes);
    }

    @Test
    void signalUnknownOrWeakIsNotANetworkOutage() {
        assertTrue(!LinkMonitor.networkDown(Optional.of(new ModemStatus(true, Optional.of(99),
                Optional.of(ModemStatus.Registration.HOME), Optional.of(true), Instant.EPOCH))), "+CSQ 99 is unknown");
        assertTrue(!LinkMonitor.networkDown(Optional.of(new ModemStatus(true, Optional.of(3),
                Optional.of(ModemStatus.Registration.ROAMING), Optional.of(true), Instant.EPOCH))), "weak still works");
        assertTrue(LinkMonitor.networkDown(Optional.of(new ModemStatus(true, Optional.of(20),
                Optional.of(ModemStatus.Registration.DENIED), Optional.of(true), Instant.EPOCH))));
    }

    @Test
    void oneLostEchoIsCheckedAgainWithinSecondsNotAtTheNextInterval() throws Exception {
        monitor = monitor(Optional.empty());
        round();
        host.next = new HostReply.NoAnswer(Duration.ofSeconds(10));
        round();
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state());
        clock.advance(Duration.ofSeconds(LinkMonitor.WATCH_SECONDS));
        monitor.tick();
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state(), "confirmed 3 s later, not 30 s");
    }

    @Test
    void anOutageFoundBySalesIsWatchedEverySecondsAndItsEndSeenWithoutWaitingForTheEchoInterval() throws Exception {
        monitor = monitor(Optional.empty());
        round();   // an echo answered: the next one is due at the 30 s interval
        int echoes = host.echoes;

        monitor.report(new HostReply.NoAnswer(Duration.ofSeconds(10)));   // a sale's 0200, unanswered
        clock.advance(Duration.ofSeconds(LinkMonitor.WATCH_SECONDS));
        monitor.tick();
        assertEquals(echoes + 1, host.echoes, "one unanswered sale is checked again within seconds");

        monitor.report(new HostReply.NoAnswer(Duration.ofSeconds(10)));
        monitor.report(new HostReply.NoAnswer(Duration.ofSeconds(10)));
        assertEquals(LinkMonitor.State.OFFLINE, monitor.current().state());
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(LinkMonitor.WATCH_SECONDS));
            monitor.tick();
        }
        assertEquals(LinkMonitor.State.ONLINE, monitor.current().state(),
                "the host answers again: seen within two watch rounds, not at the next 30 s interval");
    }

    static ModemStatus registeredModem() {
        return new ModemStatus(true, Optional.of(20), Optional.of(ModemStatus.Registration.HOME), Optional.of(true),
                Instant.EPOCH);
    }

    List<String> openAlerts() {
        return alerts.open().stream().map(dev.posterm.core.alerts.Alert::code).toList();
    }
}
