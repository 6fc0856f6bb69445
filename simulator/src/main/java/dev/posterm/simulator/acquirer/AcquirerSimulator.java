package dev.posterm.simulator.acquirer;

import dev.posterm.simulator.LoopbackPorts;

import dev.posterm.simulator.Line;
import dev.posterm.simulator.SimLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An acquirer host speaking the ISO 8583 profile of host-link.md over plain TCP on 127.0.0.1:
 * 2-byte length prefix, ASCII fields as jPOS ISO87APackager. Several connections at once, several
 * requests outstanding on each; answers go back as soon as decided (or after {@link #delayAnswers}).
 *
 * <p>A request that breaks the profile is answered 30 when its MTI, 11 and 41 could be read;
 * otherwise (or when the length prefix is impossible) the host counts a garbled frame and drops
 * the connection, since it cannot know where the next message starts.
 *
 * <p>Faults, deliberately distinct: {@link #dropNextAnswers} — the host <em>did</em> act (the
 * ledger shows it; a repeat is answered as a duplicate), only the answer was lost on the way back,
 * which is what a reversal exists for; {@link #ignoreNextRequests} — the host never processed the
 * request (nothing in the ledger, not even a message count); {@link #blackHoleOpenConnections} —
 * a connection that stays open but on which nothing gets through either way, while a new
 * connection is served normally. Every control method is thread-safe.
 */
public final class AcquirerSimulator implements AutoCloseable {
    private final SimLog log = new SimLog("acquirer");
    private final Ledger ledger = new Ledger();
    private final Decisions decisions = new Decisions();
    private final Host host;
    private final Set<Line> connections = ConcurrentHashMap.newKeySet();
    private final Set<Line> blackHoles = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "acquirer-delay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger dropAnswers = new AtomicInteger();
    private final AtomicInteger ignoreRequests = new AtomicInteger();
    private final AtomicBoolean garbleNext = new AtomicBoolean();
    private final AtomicLong garbledFrames = new AtomicLong();
    private final AtomicLong answersSent = new AtomicLong();
    private volatile Duration delay = Duration.ZERO;
    private final List<Held> held = new java.util.ArrayList<>();
    private boolean holding;   // guarded by held

    private record Held(Line line, byte[] framed) {
    }
    private volatile Set<String> faultScope = Set.of();
    private volatile ServerSocket listener;
    private volatile int port;
    private volatile boolean closed;

    public AcquirerSimulator() {
        this(0);
    }

    /** A host on {@code port} (0 = ephemeral; the port then stays the same across down/up). */
    public AcquirerSimulator(int port) {
        this(port, Clock.systemUTC());
    }

    /** A host whose RRNs take their date from {@code clock}. */
    public AcquirerSimulator(int port, Clock clock) {
        this.port = port;
        this.host = new Host(ledger, decisions, clock);
    }

    public synchronized AcquirerSimulator start() throws IOException {
        ServerSocket socket = port == 0 ? LoopbackPorts.listen(0) : bindWithRetry(port);
        port = socket.getLocalPort();
        listener = socket;
        Thread.ofPlatform().daemon().name("acquirer-accept").start(() -> acceptLoop(socket));
        log.add("listening on 127.0.0.1:" + port);
        return this;
    }

    /** Binds {@code port} again after {@link #down()}, waiting up to 5 s for the kernel to let go of it. */
    private static ServerSocket bindWithRetry(int port) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return LoopbackPorts.bind(port);
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("port " + port + " is still taken 5 s after the host went down", e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while rebinding port " + port, ie);
                }
            }
        }
    }


    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        closed = true;
        down();
        later.shutdownNow();
    }

    // ---- decisions ----

    /** Authorisations (0200 purchase or refund) of exactly this amount get {@code responseCode}. */
    public void declineAmount(long amountMinor, String responseCode) {
        decisions.declineAmount(amountMinor, responseCode);
    }

    /** The next financial request (0200, 0220, 0400, 0500; not 0800) gets this code. Queues. */
    public void respondWith(String code) {
        decisions.respondWith(code);
    }

    /** Back to approving everything; faults are left as they are. */
    public void clearDecisions() {
        decisions.clear();
    }

    // ---- faults ----

    /**
     * From now on the faults below (dropped, ignored, delayed, garbled) hit only requests of these
     * types, say "0220" and "0221", and pass the rest (the terminal's echo tests) untouched; with no
     * argument they hit every request again.
     */
    public void faultsOnly(String... requestMtis) {
        faultScope = Set.of(requestMtis);
    }

    private boolean inScope(String requestMti) {
        Set<String> scope = faultScope;
        return scope.isEmpty() || scope.contains(requestMti);
    }

    /** The next {@code n} answers are not sent, though the host acted on the requests. */
    public void dropNextAnswers(int n) {
        dropAnswers.set(n);
    }

    /** The next {@code n} requests are read and thrown away: the host never processed them. */
    public void ignoreNextRequests(int n) {
        ignoreRequests.set(n);
    }

    /** Every answer from now on waits this long (Duration.ZERO to stop). */
    public void delayAnswers(Duration d) {
        delay = d;
    }

    /**
     * From now on answers (to requests in {@link #faultsOnly} scope) are held, though the host has
     * acted on the requests (the ledger shows them), until {@link #releaseHeldAnswers} sends them
     * or {@link #discardHeldAnswers} loses them: a host that approves but is slow to say so.
     */
    public void holdAnswers() {
        synchronized (held) {
            holding = true;
        }
        log.add("holding answers (fault)");
    }

    /** Sends the held answers on the connections they came in on (if still open), and stops holding. */
    public void releaseHeldAnswers() {
        List<Held> out;
        synchronized (held) {
            holding = false;
            out = List.copyOf(held);
            held.clear();
        }
        log.add("releasing " + out.size() + " held answer(s)");
        out.forEach(h -> send(h.line(), h.framed()));
    }

    /** Stops holding and loses the held answers: they never reach the terminal. */
    public void discardHeldAnswers() {
        int n;
        synchronized (held) {
            holding = false;
            n = held.size();
            held.clear();
        }
        log.add("discarded " + n + " held answer(s)");
    }

    /** Answers held and not yet released or discarded. */
    public int heldAnswers() {
        synchronized (held) {
            return held.size();
        }
    }

    /** The next answer goes out with its MTI and bitmap garbled (length prefix right, so the stream stays in step). */
    public void garbleNextAnswer() {
        garbleNext.set(true);
    }

    /**
     * The connections open now become black holes, as when a cellular NAT drops its mapping: they
     * stay open (no FIN, no RST), what the terminal sends on them never reaches the host (nothing
     * in the ledger, not even a message count) and nothing comes back on them, answers held or
     * delayed included. Connections accepted afterwards are served normally.
     *
     * @return how many connections went silent
     */
    public int blackHoleOpenConnections() {
        List<Line> open = List.copyOf(connections);
        blackHoles.addAll(open);
        log.add(open.size() + " connection(s) turned black hole (fault)");
        return open.size();
    }

    /** true: {@link #down()}; false: {@link #up()}. */
    public void refuseConnections(boolean refuse) throws IOException {
        if (refuse) {
            down();
        } else {
            up();
        }
    }

    /** Closes the listener and every connection: new connections are refused. */
    public synchronized void down() {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        listener = null;
        connections.forEach(Line::close);
        connections.clear();
        log.add("down");
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        if (listener == null && !closed) {
            start();
        }
    }

    // ---- what tests look at ----

    public Ledger ledger() {
        return ledger;
    }

    /** Requests answered again as duplicates (same type + 41 + 11 + 7). */
    public long duplicates() {
        return host.duplicates();
    }

    /** Frames that could not be read at all (connection dropped). */
    public long garbledFrames() {
        return garbledFrames.get();
    }

    public long answersSent() {
        return answersSent.get();
    }

    /** Connections open now (the terminal closing one is seen when its end of the line reads EOF). */
    public int connectionCount() {
        return connections.size();
    }

    /** Connections accepted since start, across {@link #down()} and {@link #up()}. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    public SimLog log() {
        return log;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Line line = new Line(s);
                if (!register(socket, line)) {
                    continue;
                }
                Thread.ofPlatform().daemon().name("acquirer-conn").start(() -> serve(line));
            } catch (IOException e) {
                // listener closed by down() or close()
            }
        }
    }

    /**
     * Adds an accepted connection unless {@link #down()} ran between accept and here: then the
     * connection is closed, as a host going down would drop it, instead of lingering unseen.
     */
    private synchronized boolean register(ServerSocket from, Line line) {
        if (listener != from) {
            line.close();
            return false;
        }
        connections.add(line);
        accepted.incrementAndGet();
        return true;
    }

    private void serve(Line line) {
        LengthPrefixFramer framer = new LengthPrefixFramer();
        byte[] buffer = new byte[4096];
        try (InputStream in = line.socket().getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (byte[] message : framer.accept(Arrays.copyOf(buffer, n))) {
                    if (!request(line, message)) {
                        return;
                    }
                }
            }
        } catch (IllegalStateException e) {
            garbled(e.getMessage());
        } catch (IOException e) {
            // the terminal went away
        } finally {
            line.close();
            connections.remove(line);
            blackHoles.remove(line);
        }
    }

    /** Handles one message; false when the connection must be dropped. */
    private boolean request(Line line, byte[] bytes) {
        if (blackHoles.contains(line)) {
            log.add("rx " + bytes.length + " bytes lost (fault: black hole)");
            return true;
        }
        IsoCodec.Parsed parsed = IsoCodec.parse(bytes);
        if (parsed instanceof IsoCodec.Malformed(IsoMessage partial, String reason)) {
            if (partial == null || !partial.has(11) || !partial.has(41)) {
                garbled(reason);
                return false;
            }
            log.add("rx " + partial.mti() + " malformed (" + reason + "): 30");
            ledger.received(partial.mti());
            deliver(line, partial.mti(), Host.formatError(partial));
            return true;
        }
        IsoMessage message = ((IsoCodec.Ok) parsed).message();
        if (inScope(message.mti()) && ignoreRequests.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            log.add("rx " + summary(message) + " ignored (fault: ignoreNextRequests)");
            return true;
        }
        IsoMessage answer = host.handle(message);
        log.add("rx " + summary(message) + " -> " + answer.mti() + " 39=" + answer.get(39));
        deliver(line, message.mti(), answer);
        return true;
    }

    private void deliver(Line line, String requestMti, IsoMessage answer) {
        boolean faulty = inScope(requestMti);
        if (faulty && dropAnswers.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            log.add("answer " + answer.mti() + " 11=" + answer.get(11) + " dropped (fault: dropNextAnswers)");
            return;
        }
        byte[] bytes = IsoCodec.pack(answer);
        if (faulty && garbleNext.getAndSet(false)) {
            Arrays.fill(bytes, 0, Math.min(20, bytes.length), (byte) '?');
            log.add("answer " + answer.mti() + " garbled (fault: garbleNextAnswer)");
        }
        byte[] framed = LengthPrefixFramer.frame(bytes);
        if (faulty) {
            synchronized (held) {
                if (holding) {
                    held.add(new Held(line, framed));
                    log.add("answer " + answer.mti() + " 11=" + answer.get(11) + " held (fault: holdAnswers)");
                    return;
                }
            }
        }
        Duration wait = faulty ? delay : Duration.ZERO;
        if (wait.isZero() || wait.isNegative()) {
            send(line, framed);
        } else {
            later.schedule(() -> send(line, framed), wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void send(Line line, byte[] framed) {
        if (blackHoles.contains(line)) {
            log.add("answer lost (fault: black hole)");
            return;
        }
        line.write(framed);
        answersSent.incrementAndGet();
    }

    private void garbled(String reason) {
        garbledFrames.incrementAndGet();
        log.add("garbled frame (" + reason + "): connection dropped");
    }

    private static String summary(IsoMessage m) {
        return m.mti() + " 3=" + m.get(3) + " 4=" + m.get(4) + " 11=" + m.get(11) + " 41=" + m.get(41);
    }

    /** For the standalone main: a one-line view of the books. */
    public String describe() {
        List<LedgerEntry> entries = ledger.entries();
        return entries.size() + " entries, counts " + ledger.messageCounts();
    }
}
