package dev.posterm.drivers.reader.link;

import dev.posterm.drivers.io.Transport;
import org.tinylog.Logger;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The CRL/1 link: one transport, one background thread, ACK/NAK and retransmission.
 *
 * <p>The thread ({@code crl1-link <port>}) opens the port (again, with backoff, whenever it is
 * lost), reads it, feeds the {@link Framer}, answers ACK to every good frame and NAK to every bad
 * one, drops a frame whose SEQ equals the last accepted (after ACKing it again), and hands new
 * frames to the {@link Listener}. Callers send from their own threads through {@link #send}:
 *
 * <pre>
 * send -> frame(SEQ n) -> wait 300 ms -> ACK: delivered
 *                                     -> NAK or silence: same frame, same SEQ, up to 3 more times
 *                                     -> still nothing: Failed; the next send starts with P
 * </pre>
 * After every opening, and after a failure, the first frame on the line is a {@code P}: any
 * {@link #send} first sends one if none was acknowledged yet. Events are logged with counters,
 * never with body bytes. (Over 300 lines: the send and read sides share the ACK slot, the line
 * number and the P-owed state, which a split would have to expose.)
 */
public final class Link implements AutoCloseable {

    /** Called on the link thread; must not block. */
    public interface Listener {
        void opened();

        void received(Frame frame);

        void lost(String reason);
    }

    private final Transport transport;
    private final LinkSettings settings;
    private final LongSupplier nanos;
    private final Listener listener;
    private final Framer framer;
    private final AckSlot ack;
    private final LinkCounters counters = new LinkCounters();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final LinkState state;
    private volatile boolean running;
    private final Object lineLock = new Object();
    private boolean pingOwed = true;   // guarded by lineLock
    private long line;                 // guarded by lineLock: +1 per opening
    private Thread thread;
    private int nextSeq;            // guarded by sendLock
    private int lastAcceptedSeq = -1;  // link thread only
    private String lastOpenError;      // link thread only

    public Link(Transport transport, LinkSettings settings, LongSupplier nanos, LinkState state, Listener listener) {
        this.transport = transport;
        this.settings = settings;
        this.nanos = nanos;
        this.state = state;
        this.listener = listener;
        this.framer = new Framer(settings.interByteTimeout().toNanos());
        this.ack = new AckSlot(nanos);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("crl1-link " + transport.name()).start(this::run);
    }

    public String port() {
        return transport.name();
    }

    public LinkCounters counters() {
        return counters;
    }

    public boolean isOpen() {
        return transport.isOpen();
    }

    /** Sends one frame and waits for its ACK, resending as the spec says. */
    public SendResult send(char type, byte[] body) {
        try {
            sendLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed("interrupted before sending " + type);
        }
        try {
            if (!transport.isOpen()) {
                return new SendResult.Failed("the port is not open" + state.lastProblem().map(p -> " (" + p + ")").orElse(""));
            }
            if (pingOwed() && type != 'P') {
                SendResult ping = transmit('P', new byte[0]);
                if (ping instanceof SendResult.Failed) {
                    return ping;
                }
            }
            return transmit(type, body);
        } finally {
            sendLock.unlock();
        }
    }

    private SendResult transmit(char type, byte[] body) {
        long sentOnLine = currentLine();
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFF;
        byte[] bytes = new Frame(seq, type, body).encode();
        for (int attempt = 0; attempt <= settings.maxResends(); attempt++) {
            if (attempt > 0) {
                counters.retransmissions.incrementAndGet();
                Logger.debug("reader {}: sending {} seq {} again ({})", transport.name(), type, seq, counters);
            }
            AckSlot.Answer answer;
            try {
                answer = writeAndAwait(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendResult.Failed("interrupted while waiting for the ACK to " + type);
            }
            switch (answer) {
                case ACK -> {
                    return delivered(type, seq, sentOnLine);
                }
                case NAK -> counters.naksReceived.incrementAndGet();
                case LINE_LOST -> {
                    return new SendResult.Failed("the line went away while sending " + type);
                }
                case TIMEOUT -> { }
            }
        }
        return failed(type, seq);
    }

    private AckSlot.Answer writeAndAwait(byte[] bytes) throws InterruptedException {
        ack.expect();
        try {
            transport.write(bytes);
        } catch (IOException e) {
            // Not closed from here: the link thread may already have reopened a new line that
            // this close would kill. It sees the dead line on its next read and reopens.
            state.problem(e.getMessage());
            return AckSlot.Answer.LINE_LOST;
        }
        counters.framesSent.incrementAndGet();
        return ack.await(settings.ackTimeout().toNanos());
    }

    /** An ACK that comes for a line since replaced must not mark the new line as working. */
    private SendResult delivered(char type, int seq, long sentOnLine) {
        synchronized (lineLock) {
            if (sentOnLine == line) {
                pingOwed &= type != 'P';
                state.connected(true);
            }
        }
        return new SendResult.Delivered(seq);
    }

    private boolean pingOwed() {
        synchronized (lineLock) {
            return pingOwed;
        }
    }

    private long currentLine() {
        synchronized (lineLock) {
            return line;
        }
    }

    private SendResult failed(char type, int seq) {
        counters.linkFailures.incrementAndGet();
        synchronized (lineLock) {
            pingOwed = true;
        }
        state.connected(false);
        String reason = "no ACK to " + type + " seq " + seq + " after " + (settings.maxResends() + 1) + " attempts";
        state.problem(reason);
        Logger.warn("reader {}: link failed: {} ({})", transport.name(), reason, counters);
        return new SendResult.Failed(reason);
    }

    private void run() {
        long backoff = settings.reopenFirst().toNanos();
        byte[] buffer = new byte[1024];
        while (running) {
            if (transport.isOpen()) {
                readOnce(buffer);
            } else if (reopen()) {
                backoff = settings.reopenFirst().toNanos();
            } else if (!pause(backoff)) {
                return;
            } else {
                backoff = Math.min(backoff * 2, settings.reopenMax().toNanos());
            }
        }
    }

    private boolean reopen() {
        try {
            transport.open();
        } catch (IOException e) {
            state.problem(e.getMessage());
            if (!java.util.Objects.equals(e.getMessage(), lastOpenError)) {  // once per distinct cause, not every backoff
                Logger.warn("reader {}: cannot open: {}", transport.name(), e.getMessage());
            }
            lastOpenError = e.getMessage();
            return false;
        }
        lastOpenError = null;
        framer.reset();
        lastAcceptedSeq = -1;
        synchronized (lineLock) {
            line++;
            pingOwed = true;
            state.connected(false);
        }
        counters.openings.incrementAndGet();
        Logger.info("reader {}: port open ({})", transport.name(), counters);
        listener.opened();
        return true;
    }

    private boolean pause(long nanosToWait) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanosToWait);
            return running;
        } catch (InterruptedException e) {
            return false;  // close() interrupts this thread to stop it
        }
    }

    private void readOnce(byte[] buffer) {
        int n;
        try {
            n = transport.read(buffer, 0, buffer.length, settings.readPoll());
        } catch (IOException e) {
            lineLost(e.getMessage());
            return;
        }
        List<LinkEvent> events = framer.accept(buffer, 0, n, nanos.getAsLong());
        counters.garbageBytes = framer.garbageBytes();  // before handling: a caller may read them on delivery
        counters.timedOutFrames = framer.timedOutFrames();
        for (LinkEvent event : events) {
            handle(event);
        }
    }

    private void handle(LinkEvent event) {
        switch (event) {
            case LinkEvent.FrameReceived r -> received(r.frame());
            case LinkEvent.FrameRejected r -> rejected(r.reason());
            case LinkEvent.Ack a -> ack.offer(AckSlot.Answer.ACK);
            case LinkEvent.Nak n -> ack.offer(AckSlot.Answer.NAK);
        }
    }

    private void received(Frame frame) {
        if (!answer(Frame.ACK)) {
            return;
        }
        if (frame.type() != 'P' && frame.seq() == lastAcceptedSeq) {
            counters.duplicates.incrementAndGet();
            Logger.debug("reader {}: {} seq {} again, ACKed, not processed", transport.name(), frame.type(), frame.seq());
            return;
        }
        lastAcceptedSeq = frame.seq();
        counters.framesReceived.incrementAndGet();
        state.connected(true);
        listener.received(frame);
    }

    private void rejected(String reason) {
        if (answer(Frame.NAK)) {
            counters.naksSent.incrementAndGet();
            Logger.debug("reader {}: NAK sent: {} ({})", transport.name(), reason, counters);
        }
    }

    private boolean answer(int oneByte) {
        try {
            transport.write(new byte[] {(byte) oneByte});
            return true;
        } catch (IOException e) {
            lineLost(e.getMessage());
            return false;
        }
    }

    private void lineLost(String reason) {
        transport.close();
        state.connected(false);
        state.problem(reason);
        ack.offer(AckSlot.Answer.LINE_LOST);
        Logger.warn("reader {}: line lost: {} ({})", transport.name(), reason, counters);
        listener.lost(reason);
    }

    /** Stops the thread and closes the port. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
        state.connected(false);
    }
}
