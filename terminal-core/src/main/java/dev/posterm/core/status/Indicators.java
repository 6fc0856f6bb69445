package dev.posterm.core.status;

import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.gpio.OutputLine;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the cashier sees and hears without a screen: the online LED (green) when the host link is
 * up, the offline LED (amber) when it is not, the alert LED (red) while any alert is open, and the
 * buzzer: one short beep for an approval, one long for a decline or failure, and each alert's own
 * pattern ({@link AlertTones}) once when it is raised.
 */
public final class Indicators {
    private final OutputLine online;
    private final OutputLine offline;
    private final OutputLine alert;
    private final OutputLine buzzer;
    private final IntSupplier openAlerts;
    private final Sounder sounder;

    public Indicators(OutputLine online, OutputLine offline, OutputLine alert, OutputLine buzzer,
                      IntSupplier openAlerts) {
        this(online, offline, alert, buzzer, openAlerts, Sounder.on(buzzer));
    }

    /** {@code sounder}: plays the alert patterns (tests record them). */
    public Indicators(OutputLine online, OutputLine offline, OutputLine alert, OutputLine buzzer,
                      IntSupplier openAlerts, Sounder sounder) {
        this.sounder = sounder;
        this.online = online;
        this.offline = offline;
        this.alert = alert;
        this.buzzer = buzzer;
        this.openAlerts = openAlerts;
    }

    public void on(TerminalEvent event) {
        switch (event) {
            case TerminalEvent.LinkChanged l -> {
                online.set("ONLINE".equals(l.state()) || "DEGRADED".equals(l.state()));
                offline.set("OFFLINE".equals(l.state()));
            }
            case TerminalEvent.AlertRaised a -> {
                alert.set(true);
                sounder.play(AlertTones.beeps(a.code()), AlertTones.GAP);
            }
            case TerminalEvent.AlertCleared a -> alert.set(openAlerts.getAsInt() > 0);
            case TerminalEvent.PaymentChanged p -> beep(p.payment().state());
            case TerminalEvent.OrderChanged o -> { }
            case TerminalEvent.OrderReminder o -> { }
            case TerminalEvent.QueueChanged q -> { }
            case TerminalEvent.BatchChanged b -> { }
            case TerminalEvent.ConfigChanged c -> configBeep(c.outcome());
        }
    }

    /**
     * A technician at the stick sees and hears the progress: a bundle taken (APPLYING) lights both
     * link LEDs at once, a sight no link state gives, with two short beeps, until the controller
     * comes back with the new configuration (its link LEDs follow the link again); then the outcome:
     * short for taken, long for refused or undone.
     */
    private void configBeep(String outcome) {
        switch (outcome) {
            case "APPLYING" -> {
                online.set(true);
                offline.set(true);
                sounder.play(List.of(AlertTones.SHORT, AlertTones.SHORT), AlertTones.GAP);
            }
            case "APPLIED" -> buzzer.pulse(Duration.ofMillis(120));
            case "REFUSED", "ROLLED_BACK" -> buzzer.pulse(Duration.ofMillis(700));
            default -> { }
        }
    }

    private void beep(PaymentState state) {
        switch (state) {
            case APPROVED, APPROVED_OFFLINE -> buzzer.pulse(Duration.ofMillis(120));
            case DECLINED, FAILED -> buzzer.pulse(Duration.ofMillis(700));
            default -> { }
        }
    }
}
