package dev.posterm.simulator.acquirer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The issuer's scripted word on financial requests: approve (00) unless told otherwise.
 * A {@link #respondWith} code wins over an amount rule, and is spent by the next financial
 * request (0200, 0220, 0400, 0500), never by an 0800: echo tests run in the background at times
 * a test cannot predict. Thread-safe.
 */
final class Decisions {
    private final Deque<String> next = new ArrayDeque<>();
    private final Map<Long, String> byAmount = new HashMap<>();

    synchronized void respondWith(String code) {
        next.add(checked(code));
    }

    synchronized void declineAmount(long amountMinor, String code) {
        byAmount.put(amountMinor, checked(code));
    }

    synchronized void clear() {
        next.clear();
        byAmount.clear();
    }

    /** The scripted code for the next financial request, if any (spends it). */
    synchronized String takeNext() {
        return next.poll();
    }

    /** The code for an authorisation of this amount. */
    synchronized String forAmount(long amountMinor) {
        return byAmount.getOrDefault(amountMinor, "00");
    }

    private static String checked(String code) {
        if (code == null || code.length() != 2 || !code.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a response code is 2 printable characters");
        }
        return code;
    }
}
