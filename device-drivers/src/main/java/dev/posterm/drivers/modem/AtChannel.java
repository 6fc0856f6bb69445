package dev.posterm.drivers.modem;

import dev.posterm.drivers.io.Transport;
import org.tinylog.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sends one AT command at a time and collects its reply.
 *
 * <pre>
 *   us:    A T + C S Q \r
 *   modem: [echo "AT+CSQ\r"] \r\n +CSQ: 21,99 \r\n \r\n OK \r\n
 *                            ^ information lines    ^ final result: OK | ERROR | +CME ERROR: n
 * </pre>
 *
 * The echo (a line equal to the command) is dropped; unsolicited result codes (RING, +CREG: n...)
 * may arrive at any moment and are kept with the information lines, to be ignored by whoever reads
 * the reply for its own prefix. Before each command, bytes already waiting (a late reply to a
 * command that timed out, a URC) are drained so they cannot be taken for this command's answer.
 */
final class AtChannel {

    private static final Duration DRAIN_WAIT = Duration.ofMillis(1);
    private static final int DRAIN_MAX_READS = 64;

    private final Transport transport;
    private final LongSupplier nanoTime;
    private final AtLines splitter = new AtLines();
    private final byte[] buffer = new byte[256];

    AtChannel(Transport transport, LongSupplier nanoTime) {
        this.transport = transport;
        this.nanoTime = nanoTime;
    }

    /**
     * Sends {@code command} (without CR) and waits at most {@code timeout} for its final result.
     *
     * @throws IOException when the line is gone ({@code TransportClosedException}) or a write fails
     */
    AtReply send(String command, Duration timeout) throws IOException {
        drain();
        transport.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        List<String> lines = new ArrayList<>();
        while (true) {
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                Logger.debug("AT {} on {}: no final result in {} ms, saw {}", command, transport.name(),
                        timeout.toMillis(), lines);
                return new AtReply.Silent(List.copyOf(lines));
            }
            int n = transport.read(buffer, 0, buffer.length, Duration.ofNanos(remaining));
            for (String line : splitter.accept(buffer, 0, n)) {
                AtReply result = classify(command, line, lines);
                if (result != null) {
                    Logger.debug("AT {} on {}: {}", command, transport.name(), result);
                    return result;
                }
            }
        }
    }

    /** A final result, or null after adding an information line (or dropping the echo). */
    private static AtReply classify(String command, String line, List<String> lines) {
        if (line.equals("OK")) {
            return new AtReply.Ok(List.copyOf(lines));
        }
        if (line.equals("ERROR") || line.startsWith("+CME ERROR:") || line.startsWith("+CMS ERROR:")) {
            return new AtReply.Error(line);
        }
        if (!line.equalsIgnoreCase(command)) {
            lines.add(line);
        }
        return null;
    }

    private void drain() throws IOException {
        for (int i = 0; i < DRAIN_MAX_READS; i++) {
            int n = transport.read(buffer, 0, buffer.length, DRAIN_WAIT);
            if (n == 0) {
                return;
            }
            List<String> stale = splitter.accept(buffer, 0, n);
            if (!stale.isEmpty()) {
                Logger.debug("AT port {}: dropped stale lines {}", transport.name(), stale);
            }
        }
    }
}
