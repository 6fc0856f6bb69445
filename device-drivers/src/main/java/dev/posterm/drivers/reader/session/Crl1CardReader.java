package dev.posterm.drivers.reader.session;

import dev.posterm.drivers.io.PortAddress;
import dev.posterm.drivers.io.Transport;
import dev.posterm.drivers.io.Transports;
import dev.posterm.drivers.reader.Authorisation;
import dev.posterm.drivers.reader.CardReader;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.FinalOutcome;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import dev.posterm.drivers.reader.ReaderHealth;
import dev.posterm.drivers.reader.ReaderInfo;
import dev.posterm.drivers.reader.ReaderUnavailable;
import dev.posterm.drivers.reader.StartOutcome;
import dev.posterm.drivers.reader.StartTransaction;
import dev.posterm.drivers.reader.link.Frame;
import dev.posterm.drivers.reader.link.Link;
import dev.posterm.drivers.reader.link.LinkCounters;
import dev.posterm.drivers.reader.link.LinkSettings;
import dev.posterm.drivers.reader.link.LinkState;
import dev.posterm.drivers.reader.link.SendResult;
import dev.posterm.drivers.reader.message.Command;
import dev.posterm.drivers.reader.message.Commands;
import dev.posterm.drivers.reader.message.MalformedMessageException;
import dev.posterm.drivers.reader.message.ReaderMessage;
import dev.posterm.drivers.reader.message.ReaderMessages;
import org.tinylog.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A {@link CardReader} speaking CRL/1 over any {@link Transport}: session layer over
 * {@link Link} (framing, ACK/NAK, retransmission) and the message codec.
 *
 * <p>Threads: {@link #connect()} starts {@code crl1-link <port>} (opens, reads, ACKs, reopens with
 * backoff) and {@code crl1-keeper <port>} (pings after every opening and while the link is down).
 * Callers block in their own thread; {@link #cancel()} may come from any thread.
 *
 * <p>Deadlines: each frame waits 300 ms for its ACK (up to 4 sends); the caller's deadline covers
 * the whole call and is checked against the injected clock. Decisions where the spec is silent:
 * <ul>
 *   <li>A {@code start}/{@code complete} whose deadline passes sends {@code X}, so the reader does
 *       not go on collecting a card for a sale the controller gave up on.</li>
 *   <li>After {@code cancel()} whose {@code X} was ACKed, the pending call waits up to 2 s for the
 *       reader's E 04, then returns CANCELLED by itself.</li>
 *   <li>A second transaction call while one waits is refused locally with READER_FAULT (08),
 *       as the reader would refuse it, without disturbing the first.</li>
 * </ul>
 */
public final class Crl1CardReader implements CardReader {
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);
    private static final Duration KEEPER_PING = Duration.ofSeconds(1);

    private final LongSupplier nanos;
    private final LinkState state;
    private final Link link;
    private final Pending pending;
    /** When a C with CID 80 came (nanos; 0 when the reader waits for no A from us). */
    private volatile long awaitingAuthorisationSince;
    /** After this long without our A the controller has clearly given up on it. */
    private static final Duration AWAITING_A_AT_MOST = Duration.ofMinutes(2);
    private final Keeper keeper;

    /** A reader on {@code transport} with the spec's timing and the system clocks. */
    public Crl1CardReader(Transport transport) {
        this(transport, LinkSettings.standard(), System::nanoTime, Clock.systemUTC());
    }

    /**
     * @param nanos monotonic time for every timeout and deadline (System::nanoTime in production)
     * @param clock wall time for {@link ReaderHealth#since()} only
     */
    public Crl1CardReader(Transport transport, LinkSettings settings, LongSupplier nanos, Clock clock) {
        this.nanos = nanos;
        this.state = new LinkState(clock);
        this.pending = new Pending(transport.name());
        this.link = new Link(transport, settings, nanos, state, new Events());
        this.keeper = new Keeper(transport.name(), () -> link.isOpen() && !state.connected(),
                this::pingAfterOpening, settings.reopenFirst(), settings.reopenMax());
    }

    /**
     * The keeper's ping. A reader that says it is in a transaction (DF03=01) while we have none in
     * flight holds one from before a controller restart or a lost link: it would refuse our next
     * {@code S} as out of sequence, so it is told {@code X} and ends it with its {@code E 04}. Not
     * while the reader waits for our {@code A} after a {@code C} with CID 80: that transaction is
     * live (the host is being asked), and a line that blinked meanwhile must not end it.
     */
    private void pingAfterOpening() {
        Optional<ReaderInfo> info = ping(KEEPER_PING);
        if (info.isPresent() && info.get().inTransaction() && pending.currentTransaction() == null
                && !awaitingAuthorisation()) {
            Logger.info("reader {} still holds a transaction from before: cancelling it", link.port());
            send(Commands.cancel());
        }
    }

    private boolean awaitingAuthorisation() {
        long since = awaitingAuthorisationSince;
        return since != 0 && nanos.getAsLong() - since < AWAITING_A_AT_MOST.toNanos();
    }

    /** The reader at a configured address (serial device or tcp:HOST:PORT), not yet connected. */
    public static Crl1CardReader at(PortAddress address) {
        return new Crl1CardReader(Transports.forAddress(address));
    }

    @Override
    public void connect() {
        link.start();
        keeper.start();
    }

    @Override
    public StartOutcome start(StartTransaction request, Duration deadline) {
        long t0 = nanos.getAsLong();
        awaitingAuthorisationSince = 0;
        Waiter w = pending.openTransaction('C', 'E');
        if (w == null) {
            return new ReaderError(ReaderErrorCode.READER_FAULT);
        }
        pending.forgetStrayError();
        try {
            return switch (exchange(Commands.start(request), w, t0, deadline)) {
                case Reply.Answer(ReaderMessage.Card card) -> {
                    if (card.read().cid() == Cid.ARQC) {
                        awaitingAuthorisationSince = Math.max(1, nanos.getAsLong());
                    }
                    yield card.read();
                }
                case Reply.Answer(ReaderMessage.Error error) -> error.error();
                case Reply.Answer other -> unavailable("start", "unexpected answer", t0);
                case Reply.Cancelled c -> new ReaderError(ReaderErrorCode.CANCELLED);
                case Reply.Unavailable u -> unavailable("start", u.reason(), t0);
                case Reply.Unreadable bad -> {
                    // The reader may be waiting for an A about a card we could not read: end it.
                    send(Commands.cancel());
                    yield new ReaderError(ReaderErrorCode.READ_FAILURE);
                }
            };
        } finally {
            pending.closeTransaction(w);
        }
    }

    @Override
    public FinalOutcome complete(Authorisation authorisation, Duration deadline) {
        long t0 = nanos.getAsLong();
        awaitingAuthorisationSince = 0;
        Waiter w = pending.openTransaction('F', 'E');
        if (w == null) {
            return new ReaderError(ReaderErrorCode.READER_FAULT);
        }
        // Checked after the waiter is open: an E from now on reaches the waiter, one before is here.
        ReaderMessage.Error ended = pending.takeStrayError();
        if (ended != null) {
            pending.closeTransaction(w);
            return ended.error();
        }
        try {
            return switch (exchange(Commands.authorisation(authorisation), w, t0, deadline)) {
                case Reply.Answer(ReaderMessage.Final fin) -> fin.result();
                case Reply.Answer(ReaderMessage.Error error) -> error.error();
                case Reply.Answer other -> unavailable("complete", "unexpected answer", t0);
                case Reply.Cancelled c -> new ReaderError(ReaderErrorCode.CANCELLED);
                case Reply.Unavailable u -> unavailable("complete", u.reason(), t0);
                case Reply.Unreadable bad -> new ReaderError(ReaderErrorCode.READER_FAULT);
            };
        } finally {
            pending.closeTransaction(w);
        }
    }

    @Override
    public void cancel() {
        Waiter w = pending.currentTransaction();
        SendResult sent = send(Commands.cancel());
        if (w == null) {
            return;
        }
        if (sent instanceof SendResult.Failed) {
            w.reply.complete(new Reply.Cancelled());  // the reader is gone: nobody will send E 04
        } else {
            w.cancelGraceEndNanos = nanos.getAsLong() + CANCEL_GRACE.toNanos();
        }
    }

    @Override
    public void display(String line1, String line2, int seconds) {
        if (send(Commands.display(line1, line2, seconds)) instanceof SendResult.Failed f) {
            Logger.info("reader {}: display not shown: {}", link.port(), f.reason());
        }
    }

    @Override
    public Optional<ReaderInfo> ping(Duration deadline) {
        long t0 = nanos.getAsLong();
        Waiter w = pending.openPing();
        try {
            return exchange(Commands.ping(), w, t0, deadline) instanceof Reply.Answer(ReaderMessage.Pong pong)
                    ? Optional.of(pong.info()) : Optional.empty();
        } finally {
            pending.closePing(w);
        }
    }

    @Override
    public ReaderHealth health() {
        LinkCounters c = link.counters();
        return new ReaderHealth(state.connected() && link.isOpen(), link.port(),
                Optional.ofNullable(pending.lastInfo()), state.since(), c.retransmissions(), c.naksSent(),
                c.garbageBytes(), state.lastProblem());
    }

    /** The link's counters, for tests and diagnostics. */
    public LinkCounters counters() {
        return link.counters();
    }

    /** Stops both threads, closes the port and ends any waiting call with ReaderUnavailable. */
    @Override
    public void close() {
        keeper.stop();
        link.close();
        pending.failAll("the reader driver was closed");
    }

    private SendResult send(Command command) {
        return link.send(command.type(), command.body());
    }

    private Reply exchange(Command command, Waiter w, long t0, Duration deadline) {
        if (send(command) instanceof SendResult.Failed f) {
            return w.cancelRequested() ? new Reply.Cancelled() : new Reply.Unavailable(f.reason());
        }
        Reply reply = Answers.await(w, t0 + deadline.toNanos(), nanos);
        if (reply instanceof Reply.Unavailable && command.type() != 'P' && link.isOpen()
                && !w.reply.isDone()) {
            send(Commands.cancel());  // deadline passed: stop the reader's transaction too
        }
        return reply;
    }

    private ReaderUnavailable unavailable(String operation, String reason, long t0) {
        Duration elapsed = Duration.ofNanos(nanos.getAsLong() - t0);
        String text = "reader " + link.port() + ": " + operation + " failed after " + elapsed.toMillis()
                + " ms: " + reason + " (" + link.counters() + ")";
        Logger.warn(text);
        return new ReaderUnavailable(text, elapsed);
    }

    /** What the link thread reports; decoding happens here, on that thread, and never blocks. */
    private final class Events implements Link.Listener {
        @Override
        public void opened() {
            keeper.wake();
        }

        @Override
        public void received(Frame frame) {
            try {
                pending.deliver(frame.type(), ReaderMessages.decode(frame.type(), frame.body()));
            } catch (MalformedMessageException e) {
                Logger.warn("reader {}: {} frame seq {} unreadable: {}", link.port(), frame.type(), frame.seq(), e.getMessage());
                pending.unreadable(frame.type(), e.getMessage());
            }
        }

        @Override
        public void lost(String reason) {
            pending.failAll("the line went away: " + reason);
        }
    }
}
