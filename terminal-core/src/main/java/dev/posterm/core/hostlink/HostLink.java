package dev.posterm.core.hostlink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The acquirer host, as the engine sees it: the session layer of the host profile
 * ({@code shared/specs/host-link.md}) over ISO 8583 codec, 2-byte length framing and TCP/TLS.
 *
 * <p>One persistent connection, reconnected with backoff; several requests may be outstanding and
 * answers are matched by MTI class, STAN (11) and terminal id (41). A request whose key is already
 * pending is refused. {@link #exchange} blocks the calling thread only; other threads' requests go
 * on meanwhile.
 */
public interface HostLink extends AutoCloseable {

    /** Starts connecting in the background; returns at once. */
    void start();

    /**
     * Sends {@code request} and waits at most {@code timeout} for its answer. Never throws for
     * network trouble: that is {@link HostReply.Unreachable} (did not leave) or
     * {@link HostReply.NoAnswer} (left, no answer in time).
     *
     * @throws IllegalArgumentException if the message cannot be encoded (a programming error)
     * @throws IllegalStateException if a request with the same match key is already pending
     */
    HostReply exchange(IsoMessage request, Duration timeout) throws InterruptedException;

    /**
     * Writes {@code request} on the caller's thread and returns its reply to come, with the outcomes
     * of {@link #exchange}: requests sent one after another from one thread leave in that order,
     * however many are in flight (store-and-forward keeps sale order within its window this way).
     * The future never completes exceptionally; its callbacks may run on the connection's reader
     * thread or the JDK's timer thread, so they must not block. The default exchanges at once: order
     * is kept, but nothing overlaps.
     *
     * @throws IllegalArgumentException if the message cannot be encoded
     * @throws IllegalStateException if a request with the same match key is already pending
     */
    default CompletableFuture<HostReply> send(IsoMessage request, Duration timeout) throws InterruptedException {
        return CompletableFuture.completedFuture(exchange(request, timeout));
    }

    HostLinkHealth health();

    @Override
    void close();
}
