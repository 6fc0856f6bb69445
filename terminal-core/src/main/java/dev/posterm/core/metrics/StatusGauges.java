package dev.posterm.core.metrics;

import dev.posterm.core.alerts.Alert;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.status.TerminalStatus;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gauges read at scrape time from one {@link TerminalStatus} (what {@code GET /status} shows),
 * taken once per scrape by {@link TerminalMetrics} so that all of them tell the same moment.
 * Enumerated states are exported as one series per state, 1 for the current one and 0 for the
 * others, so that a rule can say {@code posterm_printer_paper{state="OUT"} == 1}.
 */
final class StatusGauges {
    private static final List<String> LINK_STATES = List.of("ONLINE", "DEGRADED", "OFFLINE");
    private static final List<String> PAPER_STATES = List.of("OK", "NEAR_END", "OUT", "UNKNOWN");

    private final Clock clock;
    private volatile TerminalStatus now;

    StatusGauges(PrometheusRegistry registry, Clock clock) {
        this.clock = clock;
        gauge(registry, "posterm_link_state", "The host link's state: 1 for the current one", cb -> {
            for (String state : LINK_STATES) {
                cb.call(state.equals(now.link().state()) ? 1 : 0, state, now.link().cause());
            }
        }, "state", "cause");
        seconds(registry, "posterm_link_state_duration_seconds", "Seconds the link has been in its current state",
                cb -> cb.call(age(now.link().since())));
        gauge(registry, "posterm_modem_signal_dbm", "The modem's last signal reading, in dBm (absent without a modem or a reading)",
                cb -> now.link().modem().flatMap(TerminalStatus.Modem::signalDbm).ifPresent(dbm -> cb.call(dbm)));
        gauge(registry, "posterm_modem_registration", "The modem's network registration: 1 for the current one",
                cb -> now.link().modem().ifPresent(m -> cb.call(1, m.registration())), "registration");
        gauge(registry, "posterm_saf_advices", "Offline sales waiting for the host", cb -> cb.call(now.storeAndForward().count()));
        gauge(registry, "posterm_saf_amount", "Offline sales waiting for the host: their sum in minor units of the currency",
                cb -> cb.call(now.storeAndForward().amount()));
        seconds(registry, "posterm_saf_oldest_age_seconds", "Age of the oldest offline sale waiting (0 when none waits)",
                cb -> cb.call(now.storeAndForward().oldest().map(this::age).orElse(0.0)));
        seconds(registry, "posterm_saf_expiry_remaining_seconds",
                "Seconds until the oldest waiting offline sale reaches offline.max_age_hours (absent when none waits)",
                cb -> now.storeAndForward().expiresAt().ifPresent(at -> cb.call(-age(at))));
        gauge(registry, "posterm_reversals_pending", "Reversals owed to the host", cb -> cb.call(now.reversals().pending()));
        gauge(registry, "posterm_reversals_stuck", "Reversals sent 3 times or more without a final answer",
                cb -> cb.call(now.reversals().stuck()));
        seconds(registry, "posterm_reversal_oldest_age_seconds", "Age of the oldest owed reversal (0 when none is owed)",
                cb -> cb.call(now.reversals().oldest().map(this::age).orElse(0.0)));
        gauge(registry, "posterm_alerts_open", "Open alerts, by kind", cb -> alertsByKind().forEach((kind, n) -> cb.call(n, kind)),
                "kind");
        gauge(registry, "posterm_printer_paper", "The receipt printer's paper: 1 for the current state", cb -> {
            for (String state : PAPER_STATES) {
                cb.call(state.equals(now.devices().paper()) ? 1 : 0, state);
            }
        }, "state");
    }

    /** Called by the one scrape in progress, before the registry is read. */
    void take(TerminalStatus status) {
        now = status;
    }

    private Map<String, Integer> alertsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Alerts.Kind kind : Alerts.Kind.values()) {
            counts.put(kind.name(), 0);
        }
        for (Alert alert : now.alerts()) {
            counts.merge(alert.code(), 1, Integer::sum);
        }
        return counts;
    }

    private double age(Instant since) {
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    private static void gauge(PrometheusRegistry registry, String name, String help,
                              java.util.function.Consumer<GaugeWithCallback.Callback> callback, String... labels) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels).callback(callback).register(registry);
    }

    private static void seconds(PrometheusRegistry registry, String name, String help,
                                java.util.function.Consumer<GaugeWithCallback.Callback> callback) {
        GaugeWithCallback.builder().name(name).help(help).unit(Unit.SECONDS).callback(callback).register(registry);
    }

}
