package dev.posterm.drivers.scanner;

import dev.posterm.drivers.io.Transport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * A scanner on a serial line (or serial over TCP): one reader thread reads the {@link Transport},
 * feeds a {@link ScanFramer} and keeps the last {@value #KEEP} codes for {@link #next}. A line that
 * goes away is reopened every {@link #REOPEN_EVERY} until {@link #close()}; meanwhile {@link #next}
 * answers {@link ScanResult.Unavailable}. Codes are never logged whole.
 */
public final class SerialScanner implements Scanner {
    static final int KEEP = 4;
    static final Duration REOPEN_EVERY = Duration.ofSeconds(1);
    private static final Duration READ_WAIT = Duration.ofMillis(100);

    private final Transport transport;
    private final Clock clock;
    private final ScanFramer framer = ScanFramer.standard();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Deque<Scan> scans = new ArrayDeque<>();
    private volatile String down = "not opened yet";
    private volatile boolean closed;
    private Thread reader;

    public SerialScanner(Transport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    public SerialScanner start() {
        reader = Thread.ofPlatform().daemon().name("scanner-" + transport.name()).start(this::readLoop);
        return this;
    }

    /** True while the line is open. */
    public boolean connected() {
        return down == null;
    }

    /** Lines discarded by the framer (noise, too long, torn). */
    public long discarded() {
        lock.lock();
        try {
            return framer.discarded();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ScanResult next(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (scans.isEmpty()) {
                if (remaining <= 0) {
                    String why = down;
                    return why == null ? new ScanResult.NothingScanned() : new ScanResult.Unavailable(why);
                }
                remaining = arrived.awaitNanos(remaining);
            }
            return new ScanResult.Scanned(scans.pollFirst());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            scans.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[256];
        while (!closed) {
            try {
                if (!transport.isOpen()) {
                    transport.open();
                    framer.reset();
                    down = null;
                    Logger.info("scanner {} open", transport.name());
                }
                int n = transport.read(buffer, 0, buffer.length, READ_WAIT);
                if (n > 0) {
                    received(buffer, n);
                }
            } catch (IOException e) {
                lineDown(e);
            }
        }
    }

    private void received(byte[] buffer, int n) {
        lock.lock();
        try {
            List<ScanFrame> frames = framer.accept(buffer, 0, n, System.nanoTime());
            for (ScanFrame frame : frames) {
                switch (frame) {
                    case ScanFrame.Code code -> {
                        if (scans.size() == KEEP) {
                            scans.pollFirst();
                        }
                        scans.addLast(new Scan(code.text(), clock.instant()));
                        arrived.signalAll();
                    }
                    case ScanFrame.Discarded d -> Logger.warn("scanner {}: a line of {} bytes discarded: {}",
                            transport.name(), d.bytes(), d.why());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void lineDown(IOException e) {
        transport.close();
        if (closed) {
            return;
        }
        if (down == null) {
            Logger.warn("scanner {} down: {}", transport.name(), e.getMessage());
        }
        down = transport.name() + ": " + e.getMessage();
        try {
            TimeUnit.MILLISECONDS.sleep(REOPEN_EVERY.toMillis());   // the reopen pace, not synchronisation
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
