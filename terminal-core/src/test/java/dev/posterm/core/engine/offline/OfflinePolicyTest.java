package dev.posterm.core.engine.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.posterm.config.PostermConfig.Step;
import dev.posterm.config.PostermConfig;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.payment.OfflineBehavior;
import dev.posterm.core.vault.CardHash;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.TransactionType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfflinePolicyTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final CardHash CARD = new CardHash("A".repeat(64));
    static final PostermConfig.Offline LIMITS = new PostermConfig.Offline(true, 20_000, 200_000, 50, 72, 3,
            List.of("622202"), List.of("B".repeat(64)), List.of(new Step(50, 50), new Step(80, 20)),
            List.of(new Step(30, 50), new Step(240, 25)));
    final OfflinePolicy policy = new OfflinePolicy(LIMITS);

    static OfflineRequest sale(long amount) {
        return new OfflineRequest(amount, TransactionType.PURCHASE, EntryMode.CHIP, "47617390101", CARD, Exposure.NONE,
                NOW, Optional.of(NOW.minusSeconds(60)), OfflineBehavior.PREFER_ONLINE);
    }

    @Test
    void aChipSaleAtTheFloorIsApprovedAndOneMinorUnitAboveIsNot() {
        assertInstanceOf(OfflineDecision.Approve.class, policy.decide(sale(20_000)));
        OfflineDecision above = policy.decide(sale(20_001));
        assertEquals(ErrorCode.OFFLINE_FLOOR_EXCEEDED, ((OfflineDecision.Refuse) above).code());
        assertEquals(true, above.reason().contains("20000"), "the reason names the floor: " + above.reason());
    }

    @Test
    void swipesRefundsAndBlockedCardsAreNeverOffline() {
        OfflineRequest s = sale(100);
        assertRefused(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, with(s, EntryMode.MAGSTRIPE));
        assertRefused(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, with(s, EntryMode.FALLBACK_SWIPE));
        assertRefused(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, new OfflineRequest(100, TransactionType.REFUND,
                EntryMode.CHIP, s.panPrefix(), CARD, Exposure.NONE, NOW, s.outageSince(), s.behavior()));
        assertRefused(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, new OfflineRequest(100, TransactionType.PURCHASE,
                EntryMode.CONTACTLESS, "62220212345", CARD, Exposure.NONE, NOW, s.outageSince(), s.behavior()));
        assertRefused(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, new OfflineRequest(100, TransactionType.PURCHASE,
                EntryMode.CHIP, s.panPrefix(), new CardHash("B".repeat(64)), Exposure.NONE, NOW, s.outageSince(),
                s.behavior()));
    }

    @Test
    void theRegisterMayRequireOnlineAndTheMerchantMaySwitchOfflineOff() {
        OfflineRequest s = sale(100);
        assertRefused(ErrorCode.ONLINE_REQUIRED, new OfflineRequest(100, s.type(), s.entryMode(), s.panPrefix(), CARD,
                Exposure.NONE, NOW, s.outageSince(), OfflineBehavior.REQUIRE_ONLINE));
        OfflinePolicy off = new OfflinePolicy(new PostermConfig.Offline(false, 20_000, 200_000, 50, 72, 3, List.of(),
                List.of(), List.of(), List.of()));
        assertEquals(ErrorCode.OFFLINE_DISABLED, ((OfflineDecision.Refuse) off.decide(s)).code());
    }

    @Test
    void aFullQueueRefusesByCountTotalAgeAndVelocity() {
        assertRefused(ErrorCode.OFFLINE_LIMIT_REACHED, exposed(100, new Exposure(50, 1_000, Optional.of(NOW), 0)));
        assertRefused(ErrorCode.OFFLINE_LIMIT_REACHED, exposed(5_000, new Exposure(3, 196_000, Optional.of(NOW), 0)));
        assertRefused(ErrorCode.OFFLINE_LIMIT_REACHED, exposed(100,
                new Exposure(1, 100, Optional.of(NOW.minus(Duration.ofHours(72))), 0)));
        assertRefused(ErrorCode.OFFLINE_LIMIT_REACHED, exposed(100, new Exposure(3, 300, Optional.of(NOW), 3)));
    }

    /** The worked example of docs/offline.md. */
    @Test
    void theFloorShrinksAsExposureAndTheOutageGrow() {
        assertEquals(20_000, policy.effectiveFloor(0, Optional.of(Duration.ofMinutes(1))));
        assertEquals(10_000, policy.effectiveFloor(100_000, Optional.of(Duration.ofMinutes(1))), "50 % held");
        assertEquals(4_000, policy.effectiveFloor(160_000, Optional.of(Duration.ofMinutes(1))), "80 % held");
        assertEquals(10_000, policy.effectiveFloor(0, Optional.of(Duration.ofMinutes(30))), "30 min outage");
        assertEquals(5_000, policy.effectiveFloor(0, Optional.of(Duration.ofHours(4))), "4 h outage");
        assertEquals(4_000, policy.effectiveFloor(160_000, Optional.of(Duration.ofHours(4))), "the smallest wins");

        assertRefused(ErrorCode.OFFLINE_FLOOR_EXCEEDED, exposed(10_001, new Exposure(10, 100_000, Optional.of(NOW), 0)));
        assertInstanceOf(OfflineDecision.Approve.class, policy.decide(exposed(10_000,
                new Exposure(10, 100_000, Optional.of(NOW), 0))));
    }

    private static OfflineRequest with(OfflineRequest s, EntryMode mode) {
        return new OfflineRequest(s.amount(), s.type(), mode, s.panPrefix(), s.cardHash(), s.exposure(), s.now(),
                s.outageSince(), s.behavior());
    }

    private static OfflineRequest exposed(long amount, Exposure e) {
        OfflineRequest s = sale(amount);
        return new OfflineRequest(amount, s.type(), s.entryMode(), s.panPrefix(), CARD, e, NOW, s.outageSince(),
                s.behavior());
    }

    private void assertRefused(ErrorCode code, OfflineRequest r) {
        OfflineDecision d = policy.decide(r);
        assertInstanceOf(OfflineDecision.Refuse.class, d, "expected a refusal for " + r);
        assertEquals(code, ((OfflineDecision.Refuse) d).code(), d.reason());
    }
}
