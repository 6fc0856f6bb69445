package dev.posterm.core.hostlink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The host connection as status shows it.
 *
 * @param connected        a TCP (or TLS) connection is up
 * @param address          host:port
 * @param since            when {@code connected} last changed
 * @param outstanding      requests sent and not yet answered or timed out
 * @param lastRoundTrip    the last answered request's round trip
 * @param timeouts         requests that got no answer in time, since start
 * @param unmatched        answers that matched no pending request, since start
 * @param lastProblem      the last connection problem in words
 */
public record HostLinkHealth(boolean connected, String address, Instant since, int outstanding,
                             Optional<Duration> lastRoundTrip, long timeouts, long unmatched,
                             Optional<String> lastProblem) {
}
