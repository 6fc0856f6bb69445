package dev.posterm.core.engine;

import dev.posterm.core.engine.offline.OfflinePolicy;
import dev.posterm.core.vault.CardVault;

/**
 * What offline selling needs: the vault for card data, the policy, and the link's view (to skip
 * the host when the link is known down, and the outage's age).
 *
 * @param maxAgeHours how long an offline sale may wait for the host (offline.max_age_hours)
 */
public record Offline(CardVault vault, OfflinePolicy policy, LinkView link, int maxAgeHours) {
}
