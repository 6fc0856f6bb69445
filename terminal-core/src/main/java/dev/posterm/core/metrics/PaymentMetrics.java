package dev.posterm.core.metrics;

import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What payments did, fed by the events the engine publishes and the replies card sales get:
 * {@code posterm_payments_total} by method, type and outcome, the time from a payment's start to
 * its end, and the host's round trip.
 *
 * <p>A payment is published many times (each step); it is counted once per final state it reaches,
 * so an approval later reversed counts once as APPROVED and once as REVERSED, as the journal tells
 * it. The last states seen are kept for the most recent payments only: a replay of a payment
 * forgotten long ago would count again, which a rate over minutes never sees.
 */
final class PaymentMetrics {
    private static final int REMEMBERED = 4096;
    /** A card sale waits for the customer (PIN) and the host: seconds to two minutes. */
    private static final double[] PAYMENT_SECONDS = {1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120};
    /** An ISO 8583 round trip over 4G: tenths of a second to the host timeout. */
    private static final double[] ROUND_TRIP_SECONDS = {0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30};

    private final Counter payments;
    private final Histogram durations;
    private final Histogram roundTrips;
    private final Counter hostReplies;
    private final Map<String, PaymentState> lastFinal = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PaymentState> eldest) {
            return size() > REMEMBERED;
        }
    };

    PaymentMetrics(PrometheusRegistry registry) {
        payments = Counter.builder().name("posterm_payments_total")
                .help("Payments that reached a final state, by method, type and outcome (the final state)")
                .labelNames("method", "type", "outcome").register(registry);
        durations = Histogram.builder().name("posterm_payment_duration_seconds")
                .help("From a payment's start to its first final state, by method")
                .labelNames("method").classicOnly().classicUpperBounds(PAYMENT_SECONDS).register(registry);
        roundTrips = Histogram.builder().name("posterm_host_round_trip_seconds")
                .help("A card sale's 0200 from leaving to the host's answer")
                .classicOnly().classicUpperBounds(ROUND_TRIP_SECONDS).register(registry);
        hostReplies = Counter.builder().name("posterm_host_requests_total")
                .help("Card sales' requests to the host, by what became of them: answered, no_answer, unreachable")
                .labelNames("result").register(registry);
        // Every known series from the first scrape, at 0: a rate() over a series that appears later misses its first count.
        for (PaymentMethod method : PaymentMethod.values()) {
            durations.labelValues(method.name());
            for (PaymentState state : PaymentState.values()) {
                if (state.isFinal()) {
                    payments.labelValues(method.name(), "SALE", state.name());
                }
            }
        }
        for (String result : new String[] {"answered", "no_answer", "unreachable"}) {
            hostReplies.labelValues(result);
        }
    }

    void on(TerminalEvent event) {
        if (event instanceof TerminalEvent.PaymentChanged changed) {
            payment(changed.payment());
        }
    }

    private void payment(Payment p) {
        if (!p.state().isFinal()) {
            return;
        }
        PaymentState before;
        synchronized (lastFinal) {
            before = lastFinal.put(p.paymentId(), p.state());
        }
        if (before == p.state()) {
            return;
        }
        // Payment has no type yet: refunds and voids are not offered by the API (501), so every payment is a sale.
        payments.labelValues(p.method().name(), "SALE", p.state().name()).inc();
        if (before == null) {
            Duration took = Duration.between(p.createdAt(), p.completedAt().orElse(p.updatedAt()));
            durations.labelValues(p.method().name()).observe(Math.max(0, took.toMillis()) / 1000.0);
        }
    }

    void hostReply(HostReply reply) {
        switch (reply) {
            case HostReply.Answered a -> {
                hostReplies.labelValues("answered").inc();
                roundTrips.observe(a.roundTrip().toMillis() / 1000.0);
            }
            case HostReply.NoAnswer n -> hostReplies.labelValues("no_answer").inc();
            case HostReply.Unreachable u -> hostReplies.labelValues("unreachable").inc();
        }
    }
}
