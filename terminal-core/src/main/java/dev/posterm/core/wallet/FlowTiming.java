package dev.posterm.core.wallet;

import dev.posterm.config.PostermConfig;
import java.time.Duration;

/**
 * The clock rules of one QR payment.
 *
 * @param queryInterval      wallet.query_interval_ms: the wait between queries
 * @param giveUpAfter        wallet.give_up_seconds: from pay to giving up
 * @param reverseNotBefore   15 s by the spec: no reverse sooner after pay (the wallet may still be working)
 * @param firstReverseRepeat the wait before the first repeat of a reverse; doubles up to {@code maxReverseRepeat}
 */
public record FlowTiming(Duration queryInterval, Duration giveUpAfter, Duration reverseNotBefore,
                         Duration firstReverseRepeat, Duration maxReverseRepeat) {

    public static final Duration REVERSE_NOT_BEFORE = Duration.ofSeconds(15);
    public static final Duration FIRST_REVERSE_REPEAT = Duration.ofSeconds(2);
    public static final Duration MAX_REVERSE_REPEAT = Duration.ofSeconds(60);

    public FlowTiming {
        if (queryInterval.isZero() || queryInterval.isNegative() || giveUpAfter.isNegative()
                || firstReverseRepeat.isZero() || maxReverseRepeat.compareTo(firstReverseRepeat) < 0) {
            throw new IllegalArgumentException("flow timing needs positive intervals, was " + queryInterval + ", "
                    + firstReverseRepeat + ".." + maxReverseRepeat);
        }
    }

    /** The spec's rules with the configured interval and give-up time. */
    public static FlowTiming of(Duration queryInterval, Duration giveUpAfter) {
        return new FlowTiming(queryInterval, giveUpAfter, REVERSE_NOT_BEFORE, FIRST_REVERSE_REPEAT, MAX_REVERSE_REPEAT);
    }

    public static FlowTiming of(PostermConfig.Wallet wallet) {
        return of(wallet.queryInterval(), wallet.giveUpAfter());
    }

    /** The wait before repeat number {@code repeat} (1 or more) of a reverse: 2, 4, 8... capped. */
    Duration reverseRepeat(int repeat) {
        Duration wait = firstReverseRepeat;
        for (int i = 1; i < repeat && wait.compareTo(maxReverseRepeat) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxReverseRepeat) > 0 ? maxReverseRepeat : wait;
    }
}
