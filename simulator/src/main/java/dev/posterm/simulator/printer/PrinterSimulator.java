package dev.posterm.simulator.printer;

import dev.posterm.simulator.Line;
import dev.posterm.simulator.LineServer;
import dev.posterm.simulator.SimLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An Epson-compatible ESC/POS receipt printer behind a raw serial-over-TCP port on 127.0.0.1.
 *
 * <p>It collects what it prints into {@link Slip}s, one per cut, and calls each listener with
 * every completed slip. It answers DLE EOT 1..4 at once from its current state
 * ({@link PrinterStatus}). While paper is out or the cover is open it prints nothing: text,
 * line feeds and cuts received then are counted in {@link #lostBytes()} (a controller should
 * have asked the status first); mode commands still take effect. While silent it reads and
 * answers nothing (a printer switched off); what is sent then is counted as lost too.
 * Every control method is thread-safe.
 */
public final class PrinterSimulator implements AutoCloseable {
    private final SimLog log = new SimLog("printer");
    private final LineServer server;
    private final List<Slip> slips = new ArrayList<>();
    private final List<DrawerKick> drawerKicks = new ArrayList<>();
    private final List<Consumer<Slip>> listeners = new CopyOnWriteArrayList<>();
    private final List<PrintedLine> current = new ArrayList<>();
    /** Slips cut under the lock, handed to listeners after it is released. */
    private final List<Slip> cutNotYetHeard = new ArrayList<>();
    private final EscPosParser parser;
    private PrinterStatus status = new PrinterStatus(false, false, false);
    private volatile boolean silent;
    private long lostBytes;
    /** Lines left on the roll, when a test set it; -1: an endless roll. */
    private int linesLeftOnRoll = -1;
    private Line line;

    public PrinterSimulator() {
        this(0);
    }

    /** A printer on {@code port} (0 = ephemeral). */
    public PrinterSimulator(int port) {
        this.server = new LineServer("printer", port, new Device(), log);
        this.parser = new EscPosParser(new Mechanism());
    }

    public PrinterSimulator start() throws IOException {
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

    /** Called with each slip once it is cut, on the line's thread (hand off heavy work), outside the printer's lock. */
    public void onSlip(Consumer<Slip> listener) {
        listeners.add(listener);
    }

    public synchronized void paperOut(boolean out) {
        status = new PrinterStatus(out, status.nearEnd(), status.coverOpen());
        if (!out) {
            linesLeftOnRoll = -1;
        }
        log.add(out ? "paper out" : "paper loaded");
    }

    /**
     * The roll ends after {@code lines} more printed lines: the paper runs out in the middle of a
     * slip, whose rest (and its cut) is lost. Loading paper ({@code paperOut(false)}) gives an
     * endless roll again.
     */
    public synchronized void paperRunsOutAfterLines(int lines) {
        linesLeftOnRoll = lines;
        log.add("roll ends after " + lines + " lines");
    }

    public synchronized void paperNearEnd(boolean near) {
        status = new PrinterStatus(status.paperOut(), near, status.coverOpen());
        log.add(near ? "paper near end" : "paper not near end");
    }

    public synchronized void coverOpen(boolean open) {
        status = new PrinterStatus(status.paperOut(), status.nearEnd(), open);
        log.add(open ? "cover open" : "cover closed");
    }

    /** While silent nothing is read or answered, as a printer switched off. */
    public void goSilent(boolean on) {
        silent = on;
        log.add(on ? "silent (fault)" : "answering again");
    }

    /** Drops the TCP connection; the next connection is accepted. */
    public void disconnect() {
        server.dropConnection();
    }

    /** Every slip cut so far, oldest first. */
    public synchronized List<Slip> slips() {
        return List.copyOf(slips);
    }

    /**
     * Waits until at least {@code n} slips have been cut, at most {@code timeout}; returns the slips
     * so far (check the size: fewer than {@code n} means the wait ran out).
     */
    public synchronized List<Slip> awaitSlips(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (slips.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(slips);
    }

    /** Every pulse on the drawer kick-out connector (ESC p) so far, oldest first. */
    public synchronized List<DrawerKick> drawerKicks() {
        return List.copyOf(drawerKicks);
    }

    /** The slips cut before the first drawer kick: how many had printed when the drawer opened (-1: no kick yet). */
    public synchronized int slipsBeforeFirstKick() {
        return drawerKicks.isEmpty() ? -1 : drawerKicks.getFirst().slipsBefore();
    }

    /** Lines printed since the last cut (a slip still on the printer). */
    public synchronized List<PrintedLine> uncutLines() {
        return List.copyOf(current);
    }

    /** Print data received while the printer could not print (paper out, cover open, silent). */
    public synchronized long lostBytes() {
        return lostBytes;
    }

    public synchronized long unknownCommands() {
        return parser.unknownCommands();
    }

    public boolean connected() {
        return server.connected();
    }

    public SimLog log() {
        return log;
    }

    /** The print mechanism the parser drives; runs under the simulator's lock. */
    private final class Mechanism implements EscPosParser.Sink {
        @Override
        public boolean online() {
            return !status.offline();
        }

        @Override
        public void lost(int bytes) {
            lostBytes += bytes;
        }

        @Override
        public void line(PrintedLine printed) {
            current.add(printed);
            if (linesLeftOnRoll > 0 && --linesLeftOnRoll == 0) {
                status = new PrinterStatus(true, status.nearEnd(), status.coverOpen());
                log.add("paper out in the middle of a slip");
            }
        }

        @Override
        public void cut() {
            List<PrintedLine> lines = new ArrayList<>(current);
            current.clear();
            while (!lines.isEmpty() && lines.getLast().text().isBlank()) {
                lines.removeLast();
            }
            Slip slip = new Slip(lines);
            slips.add(slip);
            log.add("slip " + slips.size() + " cut, " + lines.size() + " lines");
            cutNotYetHeard.add(slip);
            PrinterSimulator.this.notifyAll();
        }

        @Override
        public void drawerPulse(int pin, int onMillis, int offMillis) {
            // A drawer opens whatever the paper says: the pulse drives a solenoid, not the print mechanism.
            drawerKicks.add(new DrawerKick(pin, onMillis, offMillis, slips.size()));
            log.add("drawer pulse on pin " + pin + ", " + onMillis + " ms on, " + offMillis + " ms off");
            PrinterSimulator.this.notifyAll();
        }

        @Override
        public void status(int n) {
            int answer = status.answer(n);
            log.add("DLE EOT " + n + (answer < 0 ? ": no answer" : String.format(": %02X", answer)));
            if (answer >= 0 && line != null) {
                line.write(new byte[] {(byte) answer});
            }
        }
    }

    private final class Device implements LineServer.Device {
        @Override
        public void connected(Line newLine) {
            synchronized (PrinterSimulator.this) {
                line = newLine;
            }
        }

        @Override
        public void received(Line from, byte[] chunk, long nowNanos) {
            List<Slip> heard;
            synchronized (PrinterSimulator.this) {
                if (from != line) {
                    return;
                }
                if (silent) {
                    lostBytes += chunk.length;
                    return;
                }
                parser.accept(chunk);
                heard = List.copyOf(cutNotYetHeard);
                cutNotYetHeard.clear();
            }
            // outside the lock: a listener may call back into the printer from any thread
            heard.forEach(slip -> listeners.forEach(listener -> listener.accept(slip)));
        }

        @Override
        public void tick(Line from, long nowNanos) {
            // a printer has no timers of its own
        }

        @Override
        public void disconnected(Line gone) {
            // the unprinted line and the uncut slip stay in the printer, as on paper
        }
    }
}
