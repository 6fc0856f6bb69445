package dev.posterm.core.hostlink;

import org.tinylog.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The acquirer host link: one persistent TCP or TLS connection, 2-byte length framing
 * ({@link LengthPrefixFramer}), ISO 8583 ({@link Iso8583Codec}), answers matched to requests by
 * {@link MatchKey}.
 *
 * <h2>Threads</h2>
 * One platform daemon thread per session, "hostlink-host:port", started by {@link #start()}:
 * it connects, then reads, frames, decodes and matches answers until the connection breaks,
 * then waits a {@link Backoff} delay and connects again. Callers' threads write their own
 * requests (one whole frame per write, under the connection's write lock) and wait for their
 * own answers, so several requests can be outstanding. Waiting callers are woken by the reader.
 * The worker survives any throwable (a bug, not the network): it gives up the connection it was on
 * as if it broke, logs the peer, the operation and the exception without its message, reports it to
 * {@link HostLinkFaults}, backs off and dials again.
 *
 * <h2>A silent connection</h2>
 * A connection can stay "connected" while nothing comes back (a cellular NAT that dropped its
 * mapping). {@link Silence} gives it up after two requests in a row unanswered on it, or one
 * unanswered echo test; the session then dials again at once, before the caller hears its
 * {@code NoAnswer}, so the next request waits for the new connection instead of dying on the old.
 * Requests still pending on it end as on any broken connection (below).
 *
 * <h2>Outcomes of {@link #exchange} and {@link #send}</h2>
 * <ul>
 *   <li>{@code Unreachable}: no connection within min(timeout, connectWait), default 2 s (or the
 *       session is closed or not started). Not a byte of the request was written.</li>
 *   <li>{@code NoAnswer}: written, and no answer within {@code timeout}, counted from the moment
 *       it was written (the connection wait comes on top). Also, at once, when the connection
 *       that carried it breaks (the answer can no longer come on it) or the session closes, and
 *       when the write itself fails part way: bytes may have reached the host, so the outcome is
 *       unknown and the caller must reverse. Every {@code NoAnswer} counts in
 *       {@link HostLinkHealth#timeouts()}. The pending entry is removed, so a late answer counts as
 *       unmatched.</li>
 *   <li>{@code Answered}: with the round trip measured on the session's clock from just before
 *       the write to the arrival of the answer.</li>
 * </ul>
 * An answer that matches no written request, or cannot be decoded, is logged (masked: only the
 * MTI, the masked {@link IsoMessage#toString()} or the codec's problem text) and counted in
 * {@code unmatched}; the connection stays up. A framing violation (a length above 8 KiB) breaks
 * the connection: nothing after it can be trusted.
 *
 * <h2>Transport</h2>
 * See {@link Dialer}: TLS with the acquirer's CA pinned, or plain TCP to loopback only unless the
 * lab switch is set; refused at construction otherwise.
 *
 * <p>(Over 300 lines with this Javadoc: the outcome contract stays next to the code producing it,
 * and the worker's loop, faults included, next to the connection state it guards.)
 */
public final class HostSession implements HostLink {
    private static final Duration DEFAULT_CONNECT_WAIT = Duration.ofSeconds(2);
    /** A connection that lived this long resets the backoff; a host that accepts and drops does not. */
    private static final Duration STABLE = Duration.ofSeconds(30);

    private final Dialer dialer;
    private final String address;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration connectWait;
    private final Iso8583Codec codec = new Iso8583Codec();
    private final LengthPrefixFramer frames = new LengthPrefixFramer();
    private final Map<MatchKey, Pending> pending = new ConcurrentHashMap<>();
    private final Silence silence = new Silence();
    private volatile HostLinkFaults faults = HostLinkFaults.NONE;
    /** A fault (or the last run's, for all we know) not yet followed by an answer. */
    private final AtomicBoolean faultOpen = new AtomicBoolean(true);
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile Duration lastRoundTrip;

    private final Object state = new Object();
    private Connection connection;     // guarded by state
    private boolean closed;            // guarded by state
    private Thread worker;             // guarded by state
    private Instant since;             // guarded by state
    private String lastProblem;        // guarded by state

    /** As the full constructor, with {@link Backoff#standard()} and a 2 s connection wait. */
    public HostSession(String host, int port, boolean tls, Optional<Path> caFile, boolean allowPlainTcp, Clock clock) {
        this(host, port, tls, caFile, allowPlainTcp, clock, Backoff.standard(), DEFAULT_CONNECT_WAIT);
    }

    /**
     * @param host          the acquirer host name or IP literal
     * @param port          1..65535
     * @param tls           TLS 1.2+ with {@code caFile} pinned; {@code caFile} is then required
     * @param caFile        the acquirer's CA certificate(s), PEM
     * @param allowPlainTcp lab switch: plain TCP to a non-loopback host
     * @param clock         stamps round trips and health
     * @param backoff       reconnect delays
     * @param connectWait   the longest an exchange waits for a connection before Unreachable
     * @throws IllegalArgumentException for plain TCP to a non-loopback host without the switch, TLS
     *                                  without a usable CA file, or a bad port
     */
    public HostSession(String host, int port, boolean tls, Optional<Path> caFile, boolean allowPlainTcp, Clock clock,
                       Backoff backoff, Duration connectWait) {
        this.dialer = new Dialer(host, port, tls, caFile, allowPlainTcp);
        this.address = dialer.address();
        this.clock = clock;
        this.backoff = backoff;
        this.connectWait = connectWait;
        this.since = clock.instant();
    }

    /** Where to report the worker's own faults; set before {@link #start()}. */
    public void reportFaultsTo(HostLinkFaults faults) {
        this.faults = faults;
    }

    @Override
    public void start() {
        synchronized (state) {
            if (worker == null && !closed) {
                worker = Thread.ofPlatform().daemon().name("hostlink-" + address).start(this::connectAndRead);
            }
        }
    }

    @Override
    public HostReply exchange(IsoMessage request, Duration timeout) throws InterruptedException {
        CompletableFuture<HostReply> reply = send(request, timeout);
        try {
            return reply.get();
        } catch (InterruptedException e) {
            reply.cancel(false);   // frees the match key now, not at the timeout
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("host replies never complete exceptionally", e);
        }
    }

    @Override
    public CompletableFuture<HostReply> send(IsoMessage request, Duration timeout) throws InterruptedException {
        MatchKey key = MatchKey.ofRequest(request);
        byte[] frame = frames.frame(codec.encode(request));
        Pending mine = new Pending();
        if (pending.putIfAbsent(key, mine) != null) {
            throw new IllegalStateException("a request " + key + " is already pending on acquirer " + address);
        }
        CompletableFuture<HostReply> reply;
        try {
            reply = write(mine, frame, timeout, key.mtiClass() == MtiClass.NETWORK_MANAGEMENT);
        } catch (InterruptedException | RuntimeException e) {
            pending.remove(key, mine);
            throw e;
        }
        // The key is freed before anyone sees the reply (a 0401 may follow its 0400 at once); the
        // whenComplete only catches a cancelled wait.
        CompletableFuture<HostReply> freed = reply.thenApply(r -> {
            pending.remove(key, mine);
            return r;
        });
        freed.whenComplete((r, e) -> pending.remove(key, mine));
        return freed;
    }

    /** Writes on the caller's thread; the reply completes on the answer, a broken carrier, or the timeout. */
    private CompletableFuture<HostReply> write(Pending mine, byte[] frame, Duration timeout, boolean echoTest)
            throws InterruptedException {
        long connectDeadline = System.nanoTime() + Math.min(timeout.toNanos(), connectWait.toNanos());
        while (true) {
            Connection c = awaitConnection(connectDeadline);
            if (c == null) {
                return CompletableFuture.completedFuture(new HostReply.Unreachable(unreachableReason()));
            }
            mine.sentAt = clock.instant();
            mine.carrier = c;
            Connection.Sent sent = c.send(frame);
            if (sent == Connection.Sent.NOT_SENT) {
                mine.carrier = null;   // closed under us before a byte left: wait for the next one
                continue;
            }
            if (sent == Connection.Sent.MAYBE_SENT) {
                c.close();             // the reader sees it and reconnects
                return CompletableFuture.completedFuture(noAnswer(Duration.between(mine.sentAt, clock.instant())));
            }
            mine.onWire = true;
            if (c.isClosed()) {
                mine.settle(new Pending.Lost("the connection closed as the request left"));   // lost() may have passed it by
            }
            return mine.settled.thenApply(s -> switch (s) {
                case Pending.Arrived a -> answered(mine, a);
                case Pending.Lost lost -> noAnswer(Duration.between(mine.sentAt, clock.instant()));
            }).completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .thenApply(r -> r != null ? r : timedOut(c, echoTest, timeout));
        }
    }

    private HostReply answered(Pending mine, Pending.Arrived a) {
        Duration roundTrip = Duration.between(mine.sentAt, a.at());
        lastRoundTrip = roundTrip;
        return new HostReply.Answered(a.answer(), roundTrip);
    }

    /** On the JDK's timeout thread: counts the silence, and gives up a connection found dead before replying. */
    private HostReply timedOut(Connection c, boolean echoTest, Duration timeout) {
        String dead = silence.unanswered(c, echoTest);
        if (dead != null) {
            Logger.warn("acquirer {}: {}", address, dead);
            c.giveUp(dead);   // closed before the caller hears: its next request waits for a new connection
        }
        return noAnswer(timeout);
    }

    private HostReply noAnswer(Duration waited) {
        timeouts.incrementAndGet();
        return new HostReply.NoAnswer(waited);
    }

    /** The open connection, or null if none came by the deadline or the session is closed. */
    private Connection awaitConnection(long deadlineNanos) throws InterruptedException {
        synchronized (state) {
            while (!closed && (connection == null || connection.isClosed())) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(state, remaining);
            }
            return closed ? null : connection;
        }
    }

    private String unreachableReason() {
        synchronized (state) {
            if (closed) {
                return "host link to " + address + " is closed";
            }
            if (worker == null) {
                return "host link to " + address + " is not started";
            }
            return "no connection to acquirer " + address + " within " + connectWait.toMillis() + " ms"
                    + (lastProblem == null ? "" : ": " + lastProblem);
        }
    }

    /**
     * The worker thread: connect, read until broken, back off, again, until closed. It survives
     * any throwable: a dead worker would leave a connection nobody reads, so every sale would wait
     * its whole timeout and be reversed until a restart.
     */
    private void connectAndRead() {
        int failures = 0;
        while (!isClosed()) {
            Connection c = null;
            String doing = "dialling";
            try {
                c = dialer.dial();
                Instant up = clock.instant();
                if (!publish(c)) {
                    return;
                }
                doing = "reading answers";
                Connection carrier = c;
                String why = new AnswerReader(c, codec, clock, (answer, at) -> {
                    silence.heard(carrier);
                    deliver(answer, at);
                }, e -> {
                    silence.heard(carrier);
                    undecodable(e);
                }).readUntilBroken();
                doing = "closing the connection";
                lost(c, why);
                if (Duration.between(up, clock.instant()).compareTo(STABLE) >= 0) {
                    failures = 0;
                }
            } catch (IOException e) {
                problem("cannot connect: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                fault(c, doing, e);
            }
            failures++;
            if (!pause(failures)) {
                return;
            }
        }
    }

    /** False when interrupted: close() wants the worker gone. */
    private boolean pause(int failures) {
        Duration delay;
        try {
            delay = backoff.delay(failures);
        } catch (RuntimeException e) {
            delay = backoff.maximum();   // a broken jitter source must not make this a busy loop
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Something threw that should not have (a bug, not the network). The connection it happened on
     * is given up as if it broke: what it carried ends as no answer, what never left goes on the
     * next one. The exception's message is left out of log and report: it may quote message bytes.
     */
    private void fault(Connection c, String doing, Throwable e) {
        String what = "fault while " + doing + ": " + Faults.describe(e);
        Logger.error(Faults.withoutMessages(e), "acquirer {}: {}; dialling again", address, what);
        try {
            if (c != null) {
                lost(c, what);
            } else {
                problem(what);
            }
        } catch (RuntimeException | Error again) {
            Logger.error("acquirer {}: cannot drop the connection after a fault: {}", address, Faults.describe(again));
        }
        faultOpen.set(true);
        try {
            faults.fault("acquirer " + address + ": " + what);
        } catch (RuntimeException | Error again) {
            Logger.error("acquirer {}: the fault report failed: {}", address, Faults.describe(again));
        }
    }

    private boolean publish(Connection c) {
        synchronized (state) {
            if (closed) {
                c.close();
                return false;
            }
            connection = c;
            silence.connected(c);
            since = clock.instant();
            state.notifyAll();
        }
        Logger.info("acquirer {} connected{}", address, dialer.tls() ? " (TLS)" : "");
        return true;
    }

    /** The connection broke: answers to what it carried can no longer come, so fail those now. */
    private void lost(Connection c, String why) {
        synchronized (state) {
            if (connection == c) {
                connection = null;
                since = clock.instant();
            }
            state.notifyAll();
        }
        c.close();
        if (!isClosed()) {
            problem(why);
        }
        // Only requests wholly written to it: one whose write failed before a byte left is being
        // written again on the next connection and must not be failed here.
        pending.values().stream().filter(p -> p.carrier == c && p.onWire).forEach(p -> p.settle(new Pending.Lost(why)));
    }

    private void deliver(IsoMessage answer, Instant at) {
        Pending match = MatchKey.ofResponse(answer).map(pending::get).filter(Pending::written).orElse(null);
        if (match == null || !match.settle(new Pending.Arrived(answer, at))) {
            unmatched.incrementAndGet();
            Logger.warn("acquirer {}: answer matching no pending request, dropped: {}", address, answer);
        } else if (faultOpen.compareAndSet(true, false)) {
            try {
                faults.recovered();
            } catch (RuntimeException e) {
                Logger.error("acquirer {}: the recovery report failed: {}", address, Faults.describe(e));
            }
        }
    }

    private void undecodable(MalformedMessageException e) {
        undecodable.incrementAndGet();
        unmatched.incrementAndGet();
        Logger.warn("acquirer {}: undecodable answer dropped: {}", address, e.getMessage());
    }

    private void problem(String what) {
        synchronized (state) {
            lastProblem = what;
        }
        Logger.warn("acquirer {}: {}", address, what);
    }

    private boolean isClosed() {
        synchronized (state) {
            return closed;
        }
    }

    @Override
    public HostLinkHealth health() {
        synchronized (state) {
            int outstanding = (int) pending.values().stream().filter(Pending::written).count();
            return new HostLinkHealth(connection != null && !connection.isClosed() && !closed, address, since, outstanding,
                    Optional.ofNullable(lastRoundTrip), timeouts.get(), unmatched.get(), Optional.ofNullable(lastProblem));
        }
    }

    /** Answers that could not be decoded, since start (they also count in {@code unmatched}). */
    public long undecodable() {
        return undecodable.get();
    }

    /** Stops the worker, closes the connection and settles every pending request at once. */
    @Override
    public void close() {
        Connection c;
        Thread w;
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            connection = null;
            since = clock.instant();
            w = worker;
            state.notifyAll();
        }
        if (c != null) {
            c.close();
        }
        dialer.abort();
        pending.values().forEach(p -> p.settle(new Pending.Lost("host link closed")));
        if (w != null) {
            w.interrupt();
            try {
                w.join(Dialer.CONNECT_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Logger.info("acquirer {}: host link closed", address);
    }
}
