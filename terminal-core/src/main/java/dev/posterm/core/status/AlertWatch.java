package dev.posterm.core.status;

import dev.posterm.config.PostermConfig;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.heartbeat.Heartbeat;
import dev.posterm.core.engine.LinkView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Conditions that become alerts only by lasting or by growing, looked at every few seconds:
 * <ul>
 *   <li>LINK_DOWN_LONG: the link has been OFFLINE for {@code alerts.link_down_minutes};</li>
 *   <li>SAF_NEAR_COUNT / SAF_NEAR_TOTAL: the offline sales waiting reach {@code alerts.saf_near_percent}
 *       of {@code offline.max_count} / {@code offline.total_limit};</li>
 *   <li>QR_REVERSE_STUCK: a QR payment's reverse has gone unanswered or refused
 *       {@code QrPayments.REVERSE_STUCK_AFTER} times.</li>
 * </ul>
 * Each is raised once when its condition starts (the journal keeps one open alert per kind, so a
 * condition that lasts raises nothing more) and cleared when it ends. An alert left open by the last
 * run is cleared at the first look if its condition is gone. Time comes from the clock: tests call
 * {@link #tick()} and move the clock.
 */
public final class AlertWatch {
    /** How often {@link #runForever} looks. */
    static final Duration EVERY = Duration.ofSeconds(5);

    /** The offline sales waiting now. */
    public record Queue(int count, long amount) {
    }

    /** A QR payment whose reverse keeps failing, as the alert names it. */
    public record StuckReverse(String paymentId, String outTradeNo, int attempts, Optional<String> lastRefusal) {
    }

    private final LinkView link;
    private final Supplier<Queue> queue;
    private final Supplier<List<StuckReverse>> stuckReverses;
    private final PostermConfig.Offline offline;
    private final PostermConfig.AlertLimits limits;
    private final Alerts alerts;
    private final Clock clock;
    /** What this watch last told the journal per kind; absent: not known yet (the first look says). */
    private final Map<Alerts.Kind, Boolean> open = new EnumMap<>(Alerts.Kind.class);

    public AlertWatch(LinkView link, Supplier<Queue> queue, Supplier<List<StuckReverse>> stuckReverses,
                      PostermConfig.Offline offline, PostermConfig.AlertLimits limits, Alerts alerts, Clock clock) {
        this.link = link;
        this.queue = queue;
        this.stuckReverses = stuckReverses;
        this.offline = offline;
        this.limits = limits;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** One look at every condition. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Optional<Instant> down = link.knownDown() ? link.outageSince() : Optional.empty();
        set(Alerts.Kind.LINK_DOWN_LONG, down.filter(since -> !now.isBefore(since.plus(limits.linkDownAfter())))
                .map(since -> "the bank has been unreachable since " + since + " ("
                        + Duration.between(since, now).toMinutes() + " min; alerts.link_down_minutes = "
                        + limits.linkDownAfter().toMinutes() + ")"));
        Queue q = queue.get();
        set(Alerts.Kind.SAF_NEAR_COUNT, near(q.count(), offline.maxCount())
                ? Optional.of(q.count() + " offline sales waiting for the bank, offline.max_count is " + offline.maxCount())
                : Optional.empty());
        set(Alerts.Kind.SAF_NEAR_TOTAL, near(q.amount(), offline.totalLimit())
                ? Optional.of(q.amount() + " (minor units) held offline, offline.total_limit is " + offline.totalLimit())
                : Optional.empty());
        List<StuckReverse> stuck = stuckReverses.get();
        set(Alerts.Kind.QR_REVERSE_STUCK, stuck.isEmpty() ? Optional.empty() : Optional.of(stuck.size()
                + " QR reverse(s) not confirmed, first: payment " + stuck.get(0).paymentId() + " ("
                + stuck.get(0).outTradeNo() + ") after " + stuck.get(0).attempts() + " calls"
                + stuck.get(0).lastRefusal().map(r -> ", last refused " + r).orElse("")));
    }

    /** At or past {@code percent} of {@code limit}, and something is held at all. */
    private boolean near(long held, long limit) {
        return held > 0 && held * 100 >= limit * limits.safNearPercent();
    }

    private void set(Alerts.Kind kind, Optional<String> detail) {
        boolean now = detail.isPresent();
        if (Boolean.valueOf(now).equals(open.get(kind))) {
            return;   // no change: nothing written, nothing published
        }
        if (now) {
            alerts.raise(kind, detail.get());
        } else {
            alerts.clear(kind);
        }
        open.put(kind, now);
    }

    /** Looks every {@link #EVERY} until interrupted. */
    public void runForever(Heartbeat beat) {
        while (!Thread.currentThread().isInterrupted()) {
            beat.beat();
            try {
                tick();
            } catch (RuntimeException e) {
                Logger.warn(e, "alert watch");
            }
            try {
                beat.waiting(EVERY);
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
