package dev.posterm.core.wallet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Nonces for our requests (24 random characters {@code [A-Za-z0-9]}, a new one for every request,
 * a retry included) and the memory of the gateway's answer nonces: an answer whose nonce was seen
 * within the window is a replay (a recorded "SUCCESS" played back to approve another payment), so
 * it counts as no answer. The window matches the gateway's own: answers older than it are refused
 * by their timestamp anyway. Thread-safe.
 */
final class Nonces {
    static final Pattern FORM = Pattern.compile("[A-Za-z0-9]{16,32}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 24;

    private record Seen(String nonce, Instant at) {
    }

    private final RandomGenerator random;
    private final Duration window;
    private final Deque<Seen> order = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();

    Nonces(RandomGenerator random, Duration window) {
        this.random = random;
        this.window = window;
    }

    String fresh() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** Records an answer's nonce; false when it was seen within the window (a replay). */
    synchronized boolean firstSighting(String nonce, Instant now) {
        while (!order.isEmpty() && order.peekFirst().at().plus(window.multipliedBy(2)).isBefore(now)) {
            seen.remove(order.removeFirst().nonce());
        }
        if (!seen.add(nonce)) {
            return false;
        }
        order.addLast(new Seen(nonce, now));
        return true;
    }
}
