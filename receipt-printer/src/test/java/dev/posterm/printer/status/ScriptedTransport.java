package dev.posterm.printer.status;

import dev.posterm.drivers.io.Transport;
import dev.posterm.drivers.io.TransportClosedException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory transport on a fake clock: a written DLE EOT n queues the bytes scripted for n;
 * a read with nothing queued advances the clock by the whole timeout (as a real wait would) and
 * returns 0. Records everything written.
 */
final class ScriptedTransport implements Transport {

    final FakeClock clock;
    final Map<Integer, byte[]> answers = new HashMap<>();
    final ArrayDeque<Byte> inbound = new ArrayDeque<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    /** Per read, when nothing is queued: a byte to hand out anyway and how long its arrival took. */
    Integer trickleByte;
    Duration trickleDelay = Duration.ZERO;
    boolean closedByPeer;
    int reads;

    ScriptedTransport(FakeClock clock) {
        this.clock = clock;
    }

    void queue(int... bytes) {
        for (int b : bytes) {
            inbound.add((byte) b);
        }
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void open() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportClosedException {
        reads++;
        if (closedByPeer) {
            throw new TransportClosedException("scripted: peer closed");
        }
        if (inbound.isEmpty() && trickleByte != null && trickleDelay.compareTo(timeout) <= 0) {
            clock.advance(trickleDelay);
            buffer[offset] = (byte) (int) trickleByte;
            return 1;
        }
        if (inbound.isEmpty()) {
            clock.advance(timeout);
            return 0;
        }
        int n = 0;
        while (n < length && !inbound.isEmpty()) {
            buffer[offset + n++] = inbound.poll();
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) {
        written.writeBytes(bytes);
        if (bytes.length == 3 && bytes[0] == 0x10 && bytes[1] == 0x04 && answers.containsKey((int) bytes[2])) {
            for (byte b : answers.get((int) bytes[2])) {
                inbound.add(b);
            }
        }
    }

    @Override
    public void close() {
    }

    static final class FakeClock {
        long nanos = 1_000_000_000L;

        long nanoTime() {
            return nanos;
        }

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }
}
