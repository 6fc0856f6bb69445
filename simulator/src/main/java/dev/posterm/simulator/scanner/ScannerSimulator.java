package dev.posterm.simulator.scanner;

import dev.posterm.simulator.Line;
import dev.posterm.simulator.LineServer;
import dev.posterm.simulator.SimLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The counter's barcode scanner behind a raw serial-over-TCP port on 127.0.0.1: on command it sends
 * a code followed by CR (or CR LF, as some scanners leave the factory). It reads nothing: a scanner
 * only talks. Codes are logged masked: they may be payment codes.
 */
public final class ScannerSimulator implements AutoCloseable {
    private final SimLog log = new SimLog("scanner");
    private final LineServer server;
    private volatile Line line;
    private volatile boolean crLf;

    public ScannerSimulator(int port) {
        this.server = new LineServer("scanner", port, new LineServer.Device() {
            @Override
            public void connected(Line l) {
                line = l;
            }

            @Override
            public void received(Line l, byte[] chunk, long nowNanos) {
                log.add("ignored " + chunk.length + " bytes sent to a scanner");
            }

            @Override
            public void tick(Line l, long nowNanos) {
            }

            @Override
            public void disconnected(Line l) {
                if (line == l) {
                    line = null;
                }
            }
        }, log);
    }

    public ScannerSimulator start() throws IOException {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public boolean connected() {
        return server.connected() && line != null;
    }

    public SimLog log() {
        return log;
    }

    /** End codes with CR LF instead of CR. */
    public void crLf(boolean on) {
        crLf = on;
    }

    /** Scans {@code code}: sends it and its line end. False when no controller is connected. */
    public boolean scan(String code) {
        return send((code + (crLf ? "\r\n" : "\r")).getBytes(StandardCharsets.US_ASCII), code);
    }

    /** Sends raw bytes (noise, a torn code) as they are. */
    public boolean sendRaw(byte[] bytes) {
        return send(bytes, bytes.length + " raw bytes");
    }

    private boolean send(byte[] bytes, String what) {
        Line l = line;
        if (l == null || !l.isOpen()) {
            log.add("not connected: " + masked(what) + " not sent");
            return false;
        }
        l.write(bytes);
        log.add("scanned " + masked(what));
        return true;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String masked(String code) {
        return code.length() < 10 || code.endsWith("bytes") ? code
                : code.substring(0, 2) + "*".repeat(code.length() - 6) + code.substring(code.length() - 4);
    }
}
