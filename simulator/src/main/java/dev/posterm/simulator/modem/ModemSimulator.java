package dev.posterm.simulator.modem;

import dev.posterm.simulator.Line;
import dev.posterm.simulator.LineServer;
import dev.posterm.simulator.SimLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A cellular modem's AT command port (3GPP TS 27.007, V.250 framing) behind a raw
 * serial-over-TCP port on 127.0.0.1.
 *
 * <p>Command lines end with CR (S3); a LF after it is ignored. Echo is on at power-on, as on a
 * real modem, until {@code ATE0}; echoed bytes go back as they arrive. Every answer is framed
 * {@code \r\n<text>\r\n}: {@code AT+CSQ} gives {@code \r\n+CSQ: 20,99\r\n\r\nOK\r\n}.
 * Defaults: rssi 20, registered home (stat 1), attached. Control methods are thread-safe.
 */
public final class ModemSimulator implements AutoCloseable {
    private static final int CR = 0x0D;
    private static final int LF = 0x0A;
    private static final int MAX_LINE = 512;

    private final SimLog log = new SimLog("modem");
    private final LineServer server;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final RadioState radio = new RadioState();
    private volatile boolean silent;
    private long ignoredBytes;   // guarded by this
    private Line line;

    public ModemSimulator() {
        this(0);
    }

    /** A modem on {@code port} (0 = ephemeral). */
    public ModemSimulator(int port) {
        this.server = new LineServer("modem", port, new Device(), log);
    }

    public ModemSimulator start() throws IOException {
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

    /** Signal as +CSQ rssi: 0..31, or 99 for unknown. */
    public synchronized void signal(int rssi) {
        if ((rssi < 0 || rssi > 31) && rssi != 99) {
            throw new IllegalArgumentException("+CSQ rssi is 0..31 or 99");
        }
        radio.rssi = rssi;
        log.add("signal " + rssi);
    }

    /** Registration stat of +CREG/+CEREG: 0 not searching, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming. */
    public synchronized void registration(int stat) {
        if (stat < 0 || stat > 5) {
            throw new IllegalArgumentException("registration stat is 0..5");
        }
        radio.stat = stat;
        log.add("registration " + stat);
    }

    public synchronized void attached(boolean on) {
        radio.attached = on;
        log.add(on ? "attached" : "detached");
    }

    /** While silent the modem reads, echoes and answers nothing (a hung modem). */
    public void goSilent(boolean on) {
        silent = on;
        log.add(on ? "silent (fault)" : "answering again");
    }

    public void disconnect() {
        server.dropConnection();
    }

    /** Bytes read and ignored while silent: lets a test know the modem has had its chance to answer. */
    public synchronized long ignoredBytes() {
        return ignoredBytes;
    }

    public synchronized boolean echo() {
        return radio.echo;
    }

    public boolean connected() {
        return server.connected();
    }

    public SimLog log() {
        return log;
    }

    private void received(byte[] chunk) {
        if (radio.echo) {
            line.write(chunk);
        }
        for (byte b : chunk) {
            if (b == CR) {
                commandLine(pending.toString(StandardCharsets.US_ASCII));
                pending.reset();
            } else if (b != LF && pending.size() < MAX_LINE) {
                pending.write(b);
            }
        }
    }

    private void commandLine(String text) {
        AtCommands.Answer answer = AtCommands.answer(text, radio);
        if (answer == null) {
            return;
        }
        log.add(text.trim() + " -> " + (answer.information().isEmpty() ? "" : answer.information() + " ") + answer.result());
        StringBuilder out = new StringBuilder();
        if (!answer.information().isEmpty()) {
            out.append("\r\n").append(answer.information()).append("\r\n");
        }
        out.append("\r\n").append(answer.result()).append("\r\n");
        line.write(out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static final class RadioState implements AtCommands.Radio {
        int rssi = 20;
        int stat = 1;
        boolean attached = true;
        boolean echo = true;

        @Override
        public int rssi() {
            return rssi;
        }

        @Override
        public int registration() {
            return stat;
        }

        @Override
        public boolean attached() {
            return attached;
        }

        @Override
        public void attached(boolean on) {
            attached = on;
        }

        @Override
        public void echo(boolean on) {
            echo = on;
        }
    }

    private final class Device implements LineServer.Device {
        @Override
        public void connected(Line newLine) {
            synchronized (ModemSimulator.this) {
                line = newLine;
                pending.reset();
            }
        }

        @Override
        public void received(Line from, byte[] chunk, long nowNanos) {
            synchronized (ModemSimulator.this) {
                if (!silent && from == line) {
                    ModemSimulator.this.received(chunk);
                } else if (silent) {
                    ignoredBytes += chunk.length;
                }
            }
        }

        @Override
        public void tick(Line from, long nowNanos) {
            // no timers: a modem only answers
        }

        @Override
        public void disconnected(Line gone) {
            // modem settings (echo) survive a dropped serial line
        }
    }
}
