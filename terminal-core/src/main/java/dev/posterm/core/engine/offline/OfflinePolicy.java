package dev.posterm.core.engine.offline;

import dev.posterm.config.PostermConfig.Step;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.payment.OfflineBehavior;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.TransactionType;
import java.time.Duration;
import java.util.List;

/**
 * Terminal risk management for offline approvals: a pure function of the sale, what is already
 * held offline, the outage's age and the merchant's limits. The rules, in order (the first that
 * says no decides):
 *
 * <ol>
 *   <li>the register required online; offline is disabled;</li>
 *   <li>magstripe and fallback swipes are never approved offline (no cryptogram to stand on);
 *       refunds neither; nor a card in a blocked range or with a blocked hash;</li>
 *   <li>the queue is full: the oldest held is older than max_age_hours, or max_count are held, or
 *       this sale would take the amount held past total_limit, or this card already has
 *       velocity_per_card sales held;</li>
 *   <li>the amount is above the effective floor: floor_limit times the smallest floor_percent of
 *       the exposure and outage steps that apply (docs/offline.md has the curve).</li>
 * </ol>
 */
public final class OfflinePolicy {
    private final PostermConfig.Offline limits;

    public OfflinePolicy(PostermConfig.Offline limits) {
        this.limits = limits;
    }

    public OfflineDecision decide(OfflineRequest r) {
        if (r.behavior() == OfflineBehavior.REQUIRE_ONLINE) {
            return refuse(ErrorCode.ONLINE_REQUIRED, "the register required online approval");
        }
        if (!limits.enabled()) {
            return refuse(ErrorCode.OFFLINE_DISABLED, "offline approvals are disabled (offline.enabled)");
        }
        if (r.entryMode() == EntryMode.MAGSTRIPE || r.entryMode() == EntryMode.FALLBACK_SWIPE) {
            return refuse(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, r.entryMode() + " is never approved offline");
        }
        if (r.type() != TransactionType.PURCHASE) {
            return refuse(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, "only purchases are approved offline");
        }
        if (limits.blockedRanges().stream().anyMatch(r.panPrefix()::startsWith)) {
            return refuse(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, "the card is in a blocked range");
        }
        if (limits.blockedCardHashes().contains(r.cardHash().hex())) {
            return refuse(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, "the card is on the blocklist");
        }
        return queueRoom(r);
    }

    private OfflineDecision queueRoom(OfflineRequest r) {
        Exposure e = r.exposure();
        if (e.oldest().isPresent()
                && Duration.between(e.oldest().get(), r.now()).toHours() >= limits.maxAgeHours()) {
            return refuse(ErrorCode.OFFLINE_LIMIT_REACHED, "the oldest offline sale is " + limits.maxAgeHours()
                    + " hours old or more (offline.max_age_hours)");
        }
        if (e.count() >= limits.maxCount()) {
            return refuse(ErrorCode.OFFLINE_LIMIT_REACHED, e.count() + " offline sales held (offline.max_count "
                    + limits.maxCount() + ")");
        }
        if (e.amount() + r.amount() > limits.totalLimit()) {
            return refuse(ErrorCode.OFFLINE_LIMIT_REACHED, "held " + e.amount() + " + " + r.amount()
                    + " would pass offline.total_limit " + limits.totalLimit());
        }
        if (e.sameCardCount() >= limits.velocityPerCard()) {
            return refuse(ErrorCode.OFFLINE_LIMIT_REACHED, "this card already has " + e.sameCardCount()
                    + " offline sales held (offline.velocity_per_card)");
        }
        long floor = effectiveFloor(e.amount(), r.outageSince().map(s -> Duration.between(s, r.now())));
        if (r.amount() > floor) {
            return refuse(ErrorCode.OFFLINE_FLOOR_EXCEEDED, "amount " + r.amount() + " is above the offline floor "
                    + floor + " now in force");
        }
        return new OfflineDecision.Approve(floor, "within the offline floor " + floor + " (" + (e.count() + 1)
                + " held, " + (e.amount() + r.amount()) + " of " + limits.totalLimit() + ")");
    }

    /** floor_limit times the smallest percent among the steps that apply (100 % when none does). */
    public long effectiveFloor(long held, java.util.Optional<Duration> outage) {
        int percent = 100;
        long heldPercent = limits.totalLimit() == 0 ? 100 : held * 100 / limits.totalLimit();
        percent = Math.min(percent, applicable(limits.exposureSteps(), heldPercent));
        if (outage.isPresent()) {
            percent = Math.min(percent, applicable(limits.outageSteps(), outage.get().toMinutes()));
        }
        return limits.floorLimit() * percent / 100;
    }

    private static int applicable(List<Step> steps, long value) {
        int percent = 100;
        for (Step s : steps) {
            if (value >= s.threshold()) {
                percent = Math.min(percent, s.floorPercent());
            }
        }
        return percent;
    }

    private static OfflineDecision refuse(ErrorCode code, String reason) {
        return new OfflineDecision.Refuse(code, reason);
    }
}
