package dev.posterm.simulator.reader;

import dev.posterm.simulator.Line;
import dev.posterm.simulator.LineServer;
import dev.posterm.simulator.SimLog;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A CRL/1 EMV card reader behind a raw serial-over-TCP port on 127.0.0.1
 * ({@code tcp:127.0.0.1:<port>} in the controller's config).
 *
 * <p>Cards are scripted per transaction: {@link #enqueue} {@link CardScript}s; each {@code S}
 * takes the next, or an {@link CardScript#onlineChip()} card when none is queued. Link faults
 * ({@link #nakNextFrames}, {@link #dropNextAcks}, ...) let tests exercise the controller's
 * retransmission and resynchronisation. Every control method is thread-safe.
 *
 * <p>Decisions where the spec is silent: {@code X} with no transaction still answers E 04
 * (cancel is idempotent); an unknown TYPE or an {@code S}/{@code A} whose TLV does not parse is
 * answered E 08; {@code P} also drops any frame the reader was still trying to deliver (it was
 * meant for the controller's previous run) but keeps the transaction, so the {@code p} state
 * DF03 tells the restarted controller to cancel it; {@link #dropNextAcks} means the frame was
 * received and acted on but its ACK was lost, so the controller's retransmission is a duplicate.
 */
public final class ReaderSimulator implements AutoCloseable {
    private final SimLog log = new SimLog("reader");
    private final Deque<CardScript> scripts = new ArrayDeque<>();
    private final ReaderLink link = new ReaderLink(log);
    private final Kernel kernel = new Kernel(this::nextScript, log);
    private final LineServer server;
    private volatile boolean silent;
    private boolean holdFinals;
    private final java.util.List<Kernel.Out> heldFinals = new java.util.ArrayList<>();
    private Line line;

    /** A reader on an ephemeral port. */
    public ReaderSimulator() {
        this(0);
    }

    /** A reader on {@code port} (0 = ephemeral). */
    public ReaderSimulator(int port) {
        this.server = new LineServer("reader", port, new Device(), log);
    }

    public ReaderSimulator start() throws IOException {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Queues the cards of the next transactions, in order. */
    public synchronized ReaderSimulator enqueue(CardScript... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** Removes queued scripts not yet used. */
    public synchronized void clearScripts() {
        scripts.clear();
    }

    /** The card leaves the slot now: E 01 if a transaction is running (spec flow step 4). */
    public synchronized void removeCard() {
        send(kernel.removeCard());
    }

    // ---- faults ----

    /** NAK the next {@code n} frames received even if they are good (they are not processed). */
    public synchronized void nakNextFrames(int n) {
        link.nakNext = n;
    }

    /** Do not ACK the next {@code n} good frames (they are processed: the ACK was lost). */
    public synchronized void dropNextAcks(int n) {
        link.dropAcks = n;
    }

    /** Puts raw bytes on the line now, between frames. */
    public synchronized void sendGarbage(byte[] bytes) {
        log.add("garbage of " + bytes.length + " bytes sent (fault)");
        if (line != null) {
            line.write(bytes.clone());
        }
    }

    /** The next frame the reader sends goes out with a wrong LRC; its retransmission is right. */
    public synchronized void corruptNextOutgoingLrc() {
        link.corruptNextLrc = true;
    }

    /** While silent the reader reads nothing, answers nothing and retransmits nothing. */
    public void goSilent(boolean on) {
        silent = on;
        log.add(on ? "silent (fault)" : "answering again");
    }

    /**
     * From now on the answer to {@code A} ({@code F}, or {@code E} for a card pulled out) is held
     * until {@link #releaseFinalAnswers}: a card slow over its second GENERATE AC. The {@code A} is
     * ACKed and acted on as usual.
     */
    public synchronized void holdFinalAnswers() {
        holdFinals = true;
        log.add("holding final answers (fault)");
    }

    /** Sends the held final answers now and stops holding. */
    public synchronized void releaseFinalAnswers() {
        holdFinals = false;
        log.add("releasing " + heldFinals.size() + " held final answer(s)");
        send(List.copyOf(heldFinals));
        heldFinals.clear();
    }

    /** Final answers held so far and not released. */
    public synchronized int finalAnswersHeld() {
        return heldFinals.size();
    }

    /** Drops the TCP connection as a pulled cable would; the next connection is accepted. */
    public void disconnect() {
        log.add("disconnect (fault)");
        server.dropConnection();
    }

    // ---- what tests look at ----

    /** Complete frames with a good LEN, ETX and LRC received, duplicates included. */
    public synchronized long framesReceived() {
        return link.framesReceived;
    }

    /** Complete frames received with a bad LEN, ETX or LRC. */
    public synchronized long badFramesReceived() {
        return link.badFrames;
    }

    public synchronized long naksSent() {
        return link.naksSent;
    }

    /** Frames received again with the last accepted SEQ: ACKed, not processed. */
    public synchronized long duplicatesSeen() {
        return link.duplicates;
    }

    public synchronized long retransmissions() {
        return link.retransmissions;
    }

    /** Frames given up after 3 retries. */
    public synchronized long linkFailures() {
        return link.linkFailures;
    }

    /** {@code S} frames that started a transaction. */
    public synchronized long transactionsStarted() {
        return kernel.transactions();
    }

    public synchronized boolean inTransaction() {
        return kernel.inTransaction();
    }

    /** The last {@code D}: line 1 and line 2 (empty strings before any). */
    public synchronized List<String> displayLines() {
        return kernel.display();
    }

    public boolean connected() {
        return server.connected();
    }

    public SimLog log() {
        return log;
    }

    private CardScript nextScript() {
        CardScript next = scripts.poll();
        return next != null ? next : CardScript.onlineChip();
    }

    private void send(List<Kernel.Out> outs) {
        for (Kernel.Out out : outs) {
            link.send(out.type(), out.body(), System.nanoTime());
        }
    }

    /** The line's callbacks, serialised with the control methods on the simulator's lock. */
    private final class Device implements LineServer.Device {
        @Override
        public void connected(Line newLine) {
            synchronized (ReaderSimulator.this) {
                line = newLine;
                link.connected(newLine);
            }
        }

        @Override
        public void received(Line from, byte[] chunk, long nowNanos) {
            synchronized (ReaderSimulator.this) {
                if (silent || from != line) {
                    return;
                }
                for (CrlFrame frame : link.received(chunk, nowNanos)) {
                    List<Kernel.Out> outs = kernel.handle(frame, nowNanos);
                    if (holdFinals && frame.type() == 'A') {
                        heldFinals.addAll(outs);
                        log.add("final answer held (fault: holdFinalAnswers)");
                    } else {
                        send(outs);
                    }
                }
            }
        }

        @Override
        public void tick(Line from, long nowNanos) {
            synchronized (ReaderSimulator.this) {
                if (silent || from != line) {
                    return;
                }
                link.tick(nowNanos);
                send(kernel.tick(nowNanos));
            }
        }

        @Override
        public void disconnected(Line gone) {
            // the transaction survives a dropped cable, as on a real reader; P tells the state
        }
    }
}
