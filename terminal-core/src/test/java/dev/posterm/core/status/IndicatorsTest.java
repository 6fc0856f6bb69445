package dev.posterm.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.gpio.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IndicatorsTest {
    /** An output that remembers its level and its pulses. */
    static final class Line implements OutputLine {
        final String name;
        boolean high;
        final List<Duration> pulses = new ArrayList<>();

        Line(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void set(boolean level) {
            high = level;
        }

        @Override
        public boolean isHigh() {
            return high;
        }

        @Override
        public void pulse(Duration length) {
            pulses.add(length);
        }
    }

    final Line online = new Line("online");
    final Line offline = new Line("offline");
    final Line alert = new Line("alert");
    final Line buzzer = new Line("buzzer");
    final AtomicInteger openAlerts = new AtomicInteger();
    /** The patterns played, as words of S and L. */
    final List<String> played = new ArrayList<>();
    final Indicators indicators = new Indicators(online, offline, alert, buzzer, openAlerts::get,
            (beeps, gap) -> played.add(beeps.stream().map(b -> b.compareTo(Duration.ofMillis(300)) > 0 ? "L" : "S")
                    .reduce("", String::concat)));

    @Test
    void eachAlertKindSoundsItsOwnPatternOnceWhenRaised() {
        java.util.Set<String> heard = new java.util.HashSet<>();
        for (dev.posterm.core.alerts.Alerts.Kind kind : dev.posterm.core.alerts.Alerts.Kind.values()) {
            played.clear();
            indicators.on(new TerminalEvent.AlertRaised(Instant.now(), kind.name(), kind.english(), kind.chinese()));
            assertTrue(alert.high, kind + " lights the alert LED");
            assertEquals(List.of(AlertTones.word(kind)), played, kind + " plays its pattern once");
            assertTrue(played.get(0).length() >= 2, kind + ": an alert never sounds like a sale's single beep");
            assertTrue(heard.add(played.get(0)), kind + " sounds like another kind: " + played.get(0));
        }
        played.clear();
        indicators.on(new TerminalEvent.AlertCleared(Instant.now(), "LINK_DOWN_LONG"));
        assertEquals(List.of(), played, "a cleared alert is silent");
    }

    @Test
    void aBundleBeingTakenLightsBothLinkLedsWithTwoShortBeepsThenTheOutcomeIsHeard() {
        indicators.on(new TerminalEvent.LinkChanged(Instant.now(), "ONLINE", "connected"));
        indicators.on(new TerminalEvent.ConfigChanged(Instant.now(), 7, "APPLYING", java.util.Optional.empty(),
                "signed with office.pub"));
        assertTrue(online.high && offline.high, "both link LEDs: a configuration is being taken");
        assertEquals(List.of("SS"), played, "two short beeps: the stick was read and taken");

        indicators.on(new TerminalEvent.ConfigChanged(Instant.now(), 7, "ROLLED_BACK",
                java.util.Optional.of("BUNDLE_ROLLED_BACK"), "the host did not answer"));
        assertEquals(List.of(Duration.ofMillis(700)), buzzer.pulses, "the long beep: undone");
        indicators.on(new TerminalEvent.LinkChanged(Instant.now(), "ONLINE", "connected"));
        assertTrue(online.high && !offline.high, "the link LEDs follow the link again");
    }

    @Test
    void theLinkLedsFollowTheLinkState() {
        indicators.on(new TerminalEvent.LinkChanged(Instant.now(), "OFFLINE", "host silent"));
        assertFalse(online.high);
        assertTrue(offline.high);

        indicators.on(new TerminalEvent.LinkChanged(Instant.now(), "ONLINE", "connected"));
        assertTrue(online.high);
        assertFalse(offline.high);
    }

    @Test
    void theAlertLedStaysLitWhileAnyAlertIsOpen() {
        openAlerts.set(2);
        indicators.on(new TerminalEvent.AlertRaised(Instant.now(), "PRINTER_NOT_READY", "en", "zh"));
        assertTrue(alert.high);
        openAlerts.set(1);
        indicators.on(new TerminalEvent.AlertCleared(Instant.now(), "PRINTER_NOT_READY"));
        assertTrue(alert.high, "another alert is still open");
        openAlerts.set(0);
        indicators.on(new TerminalEvent.AlertCleared(Instant.now(), "READER_UNAVAILABLE"));
        assertFalse(alert.high);
    }

    @Test
    void theBuzzerBeepsShortForAnApprovalAndLongForADecline() {
        indicators.on(paymentNow(PaymentState.PENDING));
        assertTrue(buzzer.pulses.isEmpty(), "no beep while waiting for a card");
        indicators.on(paymentNow(PaymentState.APPROVED));
        indicators.on(paymentNow(PaymentState.DECLINED));
        assertEquals(2, buzzer.pulses.size());
        assertTrue(buzzer.pulses.get(0).compareTo(buzzer.pulses.get(1)) < 0, "approval beep is the shorter");
    }

    private static TerminalEvent paymentNow(PaymentState state) {
        Instant now = Instant.now();
        return new TerminalEvent.PaymentChanged(now, new Payment("p", "o", PaymentMethod.CARD, new Money(100, "CNY"),
                state, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), now, now, Optional.empty()));
    }
}
