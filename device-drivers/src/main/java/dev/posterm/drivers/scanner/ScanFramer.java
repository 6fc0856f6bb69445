package dev.posterm.drivers.scanner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a barcode scanner's serial bytes into codes: a pure state machine fed chunks with the time
 * they arrived.
 * <pre>
 *   "134567890123456789\r"      -> Code("134567890123456789")
 *   "134567890123456789\r\n"    -> Code(...)        CR LF: the LF ends an empty line, dropped
 *   "6901234567892\n"           -> Code(...)        LF alone is accepted too
 *   200 bytes without CR        -> Discarded("longer than 128 bytes")   at the next CR or LF
 *   "12\u0007 34\r"             -> Discarded("byte 0x07 ...")           the whole line
 * </pre>
 * Why CR or LF, not CR only: scanners leave the factory with CR, CR LF or LF suffixes, and a technician
 * should not have to reprogram one with the manual's barcodes; no code contains either byte. A code is
 * printable ASCII (0x20..0x7E) of at most {@value #MAX_LENGTH} bytes: a payment code has 24 digits at
 * most, product barcodes fewer than 50. A line with any other byte (line noise, a baud mismatch) is
 * discarded whole and counted, as is one cut by silence: a scanner sends a code in one burst, so a part
 * followed by more than the inter-byte timeout of silence is a torn line, not the start of a code.
 * Not thread-safe: one reader thread owns it.
 */
public final class ScanFramer {
    public static final int MAX_LENGTH = 128;
    /** 500 ms: a code at 9600 baud takes 30 ms; USB adapters buffer up to 16 ms. */
    public static final long INTER_BYTE_TIMEOUT_NANOS = 500_000_000L;

    private final byte[] line = new byte[MAX_LENGTH];
    private final long interByteTimeoutNanos;
    private int length;
    private int overflow;
    private int badByte = -1;
    private long lastByteNanos;
    private long discarded;

    public ScanFramer(long interByteTimeoutNanos) {
        this.interByteTimeoutNanos = interByteTimeoutNanos;
    }

    public static ScanFramer standard() {
        return new ScanFramer(INTER_BYTE_TIMEOUT_NANOS);
    }

    /** Feeds {@code chunk[off, off+len)} that arrived at {@code nowNanos}; returns what completed. */
    public List<ScanFrame> accept(byte[] chunk, int off, int len, long nowNanos) {
        List<ScanFrame> out = new ArrayList<>(1);
        if (len <= 0) {
            return out;
        }
        if (pending() > 0 && nowNanos - lastByteNanos > interByteTimeoutNanos) {
            out.add(discard("cut off by " + (nowNanos - lastByteNanos) / 1_000_000 + " ms of silence"));
        }
        lastByteNanos = nowNanos;
        for (int i = off; i < off + len; i++) {
            int b = chunk[i] & 0xFF;
            if (b == '\r' || b == '\n') {
                endOfLine(out);
            } else if (b < 0x20 || b > 0x7E) {
                badByte = badByte < 0 ? b : badByte;
                overflow++;
            } else if (length == MAX_LENGTH) {
                overflow++;
            } else {
                line[length++] = (byte) b;
            }
        }
        return out;
    }

    /** Lines thrown away so far. */
    public long discarded() {
        return discarded;
    }

    /** Forgets a partial line (the port was reopened). */
    public void reset() {
        length = 0;
        overflow = 0;
        badByte = -1;
    }

    private int pending() {
        return length + overflow;
    }

    private void endOfLine(List<ScanFrame> out) {
        if (badByte >= 0) {
            out.add(discard(String.format("byte 0x%02X is no part of a code", badByte)));
        } else if (overflow > 0) {
            out.add(discard("longer than " + MAX_LENGTH + " bytes"));
        } else if (length > 0) {
            out.add(new ScanFrame.Code(new String(line, 0, length, StandardCharsets.US_ASCII)));
            reset();
        }
    }

    private ScanFrame discard(String why) {
        ScanFrame frame = new ScanFrame.Discarded(why, pending());
        discarded++;
        reset();
        return frame;
    }
}
