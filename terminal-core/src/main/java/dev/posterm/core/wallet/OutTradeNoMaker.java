package dev.posterm.core.wallet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * Makes {@link OutTradeNo}s and {@link OutRefundNo}s that stay unique for the merchant forever:
 * <pre>
 *   T0000001 260101093015 k3J9x0QaZ2     30 characters
 *   terminal yyMMddHHmmss 10 random [A-Za-z0-9] (59 bits)
 *   (8, any character outside [A-Za-z0-9_-] written '_')
 * </pre>
 * Why time + random rather than a journaled counter: uniqueness must survive what a counter does not,
 * a journal restored from a backup or replaced after a disk fault, a second board given the same
 * terminal id. The terminal id keeps two terminals of one merchant apart; the UTC time makes a
 * number readable for support; 59 random bits keep two numbers of one terminal apart even when the
 * board's clock was reset to the same second (two payments in one second collide with a chance
 * below 10^-17). The random source is {@link SecureRandom} in production.
 */
public final class OutTradeNoMaker {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_CHARS = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final String terminal;
    private final Clock clock;
    private final RandomGenerator random;

    public OutTradeNoMaker(String terminalId, Clock clock, RandomGenerator random) {
        if (terminalId == null || terminalId.isEmpty() || terminalId.length() > 8) {
            throw new IllegalArgumentException("terminal id must be 1..8 characters");
        }
        this.terminal = terminalId.replaceAll("[^A-Za-z0-9_-]", "_");
        this.clock = clock;
        this.random = random;
    }

    public static OutTradeNoMaker forTerminal(String terminalId, Clock clock) {
        return new OutTradeNoMaker(terminalId, clock, new SecureRandom());
    }

    public OutTradeNo nextTrade() {
        return new OutTradeNo(next());
    }

    public OutRefundNo nextRefund() {
        return new OutRefundNo(next());
    }

    private String next() {
        StringBuilder out = new StringBuilder(32).append(terminal).append(TIME.format(clock.instant()));
        for (int i = 0; i < RANDOM_CHARS; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
