package dev.posterm.config.bundle;

import java.util.List;
import java.util.Optional;

/**
 * Every check's verdict on one bundle, for a technician who wants all that is wrong at once
 * ({@code posterm config verify}). The terminal itself acts on {@link #outcome()} only: the first
 * failed check in the spec's order, or acceptance.
 *
 * @param refusals every failed check, in the spec's order
 * @param accepted present exactly when {@code refusals} is empty
 * @param notes    what the technician should know though it refuses nothing (a key file left out)
 */
public record BundleReport(List<BundleOutcome.Refused> refusals, Optional<BundleOutcome.Accepted> accepted,
                           List<String> notes) {

    public BundleReport {
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
        if (refusals.isEmpty() == accepted.isEmpty()) {
            throw new IllegalArgumentException("a bundle is either accepted or refused");
        }
    }

    public BundleOutcome outcome() {
        return accepted.<BundleOutcome>map(a -> a).orElseGet(() -> refusals.get(0));
    }
}
