package dev.posterm.drivers.io;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A local serial device through jSerialComm: the only class that imports it.
 *
 * <p>8 data bits, no parity, 1 stop bit, no flow control, at the configured baud. Reads are
 * semi-blocking: they return as soon as one byte is there, or 0 after the timeout. jSerialComm
 * reports a device that vanished (USB adapter pulled) as a read or write of -1; that becomes
 * {@link TransportClosedException}, and the session reopens the port later.
 */
public final class SerialTransport implements Transport {
    private final String path;
    private final int baud;
    private final Object writeLock = new Object();
    private volatile SerialPort port;
    private int readTimeoutMillis = -1;

    public SerialTransport(String path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public synchronized void open() throws IOException {
        close();
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(path + ": no such serial port", e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!p.openPort()) {
            throw new IOException(path + ": cannot open (error " + p.getLastErrorCode() + ") at " + baud + " 8N1");
        }
        readTimeoutMillis = -1;
        port = p;
    }

    @Override
    public boolean isOpen() {
        SerialPort p = port;
        return p != null && p.isOpen();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        SerialPort p = port;
        if (p == null) {
            throw new TransportClosedException(path + " is closed");
        }
        int millis = (int) Math.max(1, timeout.toMillis());  // 0 would block forever
        if (millis != readTimeoutMillis) {
            p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, millis, 0);
            readTimeoutMillis = millis;
        }
        int n = p.readBytes(buffer, length, offset);
        if (n < 0 || !p.isOpen()) {
            throw new TransportClosedException(path + ": the device is gone (error " + p.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        SerialPort p = port;
        if (p == null) {
            throw new TransportClosedException(path + " is closed");
        }
        synchronized (writeLock) {
            int written = 0;
            while (written < bytes.length) {
                int n = p.writeBytes(bytes, bytes.length - written, written);
                if (n <= 0) {
                    throw new TransportClosedException(path + ": write failed (error " + p.getLastErrorCode() + ")");
                }
                written += n;
            }
        }
    }

    @Override
    public void close() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }

    /**
     * Loads jSerialComm's native library now, extracting it under {@code dir}. jSerialComm 2.11
     * has no property for its extraction directory: its static initialiser extracts to
     * {@code ${java.io.tmpdir}/jSerialComm/<appid>/<version>/} (falling back to
     * {@code ${user.home}/.jSerialComm/}), reading {@code java.io.tmpdir} through
     * {@code System.getProperty}. So the property points at {@code dir} while the class
     * initialises, then goes back. The JDK's own temp files are unaffected: it fixes its temp
     * directory at startup.
     *
     * @return the jSerialComm version loaded
     */
    static synchronized String loadNativeLibrary(Path dir) {
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toAbsolutePath().toString());
        try {
            return SerialPort.getVersion();
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }
}
