package dev.posterm.printer.status;

import dev.posterm.drivers.io.Transport;
import dev.posterm.printer.escpos.RealTimeStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Asks DLE EOT 1, 2, 3, 4 over an open transport, one at a time, and reduces the answers.
 *
 * <pre>
 *   host                                 printer
 *   (drain stray bytes)
 *   10 04 01  ------------------------&gt;
 *             &lt;------------------------  one status byte     (within the answer timeout)
 *   10 04 02 ... 10 04 03 ... 10 04 04 ... likewise
 * </pre>
 *
 * Bytes that fail the fixed-bit check ({@link StatusByte}) are skipped and counted; the first byte
 * that passes is the answer. The timeout is per request; the wait loop recomputes what remains from
 * the injected clock, so a trickle of stray bytes cannot stretch it. Not thread-safe: one caller.
 */
public final class StatusPoller {

    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofMillis(500);

    /** Wait for a stray byte while draining: the line is quiet when nothing comes this fast. */
    private static final Duration DRAIN_WAIT = Duration.ofMillis(1);
    /** A line that babbles more than this is not drained further; the fixed-bit check still filters. */
    private static final int DRAIN_LIMIT = 1024;

    private final Transport transport;
    private final Duration answerTimeout;
    private final LongSupplier nanoTime;
    private final byte[] buffer = new byte[64];
    private long strayBytes;

    /**
     * @param answerTimeout how long to wait for each one-byte answer
     * @param nanoTime      the clock, {@code System::nanoTime} outside tests
     */
    public StatusPoller(Transport transport, Duration answerTimeout, LongSupplier nanoTime) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.answerTimeout = Objects.requireNonNull(answerTimeout, "answerTimeout");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answer timeout must be positive, was " + answerTimeout);
        }
    }

    /**
     * @return the reduced status, or {@link PrinterStatus.NoAnswer} when a request got no valid answer in time
     * @throws IOException when the line is gone ({@code TransportClosedException}) or a write fails
     */
    public PrinterStatus poll() throws IOException {
        int[] answers = new int[RealTimeStatus.values().length];
        for (RealTimeStatus request : RealTimeStatus.values()) {
            drain();
            transport.write(request.request());
            OptionalInt answer = awaitAnswer();
            if (answer.isEmpty()) {
                return new PrinterStatus.NoAnswer("no answer to DLE EOT " + request.n() + " within "
                        + answerTimeout.toMillis() + " ms on " + transport.name());
            }
            answers[request.ordinal()] = answer.getAsInt();
        }
        return new StatusReport(answers[0], answers[1], answers[2], answers[3]).toPrinterStatus();
    }

    /** Bytes read that were not status answers, since this poller was made. */
    public long strayBytes() {
        return strayBytes;
    }

    private void drain() throws IOException {
        int drained = 0;
        int n;
        while (drained < DRAIN_LIMIT && (n = transport.read(buffer, 0, buffer.length, DRAIN_WAIT)) > 0) {
            drained += n;
        }
        strayBytes += drained;
    }

    private OptionalInt awaitAnswer() throws IOException {
        long deadline = nanoTime.getAsLong() + answerTimeout.toNanos();
        while (true) {
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                return OptionalInt.empty();
            }
            // One byte at a time: whatever follows the answer stays for the next drain.
            if (transport.read(buffer, 0, 1, Duration.ofNanos(remaining)) > 0) {
                int b = buffer[0] & 0xFF;
                if (StatusByte.isStatusAnswer(b)) {
                    return OptionalInt.of(b);
                }
                strayBytes++;
            }
        }
    }
}
