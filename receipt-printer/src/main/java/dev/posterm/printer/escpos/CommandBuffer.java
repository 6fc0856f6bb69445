package dev.posterm.printer.escpos;

import java.io.ByteArrayOutputStream;

/**
 * Builds an ESC/POS byte stream: each method appends one command (see {@link EscPos} for the bytes)
 * and returns this buffer. It checks arguments against the Epson ranges and knows nothing of layout.
 */
public final class CommandBuffer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

    /** ESC @. */
    public CommandBuffer initialize() {
        return append(EscPos.ESC, EscPos.INITIALIZE);
    }

    /** ESC a n. Effective only at the start of a line. */
    public CommandBuffer justification(Justification justification) {
        return append(EscPos.ESC, EscPos.SELECT_JUSTIFICATION, (byte) justification.n());
    }

    /** ESC E n, n = 1 on, 0 off. */
    public CommandBuffer emphasized(boolean on) {
        return append(EscPos.ESC, EscPos.EMPHASIZED_MODE, (byte) (on ? 1 : 0));
    }

    /**
     * GS ! n: character size as width and height multipliers, each 1..8.
     * n = (width - 1) &lt;&lt; 4 | (height - 1); double width and height is 0x11.
     */
    public CommandBuffer characterSize(int width, int height) {
        if (width < 1 || width > 8 || height < 1 || height > 8) {
            throw new IllegalArgumentException("character size must be 1..8 x 1..8, was " + width + "x" + height);
        }
        return append(EscPos.GS, EscPos.SELECT_CHARACTER_SIZE, (byte) ((width - 1) << 4 | (height - 1)));
    }

    /** LF: prints the line buffer and feeds one line. */
    public CommandBuffer lineFeed() {
        return append(EscPos.LF);
    }

    /** ESC d n: prints the buffer and feeds n lines, n = 0..255. */
    public CommandBuffer feedLines(int n) {
        return append(EscPos.ESC, EscPos.PRINT_AND_FEED_LINES, unsignedByte(n, "feed lines"));
    }

    /**
     * GS V 66 n: feeds to the cutting position plus n vertical motion units, then cuts (Epson: partial
     * cut, one point left uncut, so the slip hangs until torn; printers with one cut mode do a full cut).
     */
    public CommandBuffer cutAfterFeed(int n) {
        return append(EscPos.GS, EscPos.SELECT_CUT_MODE_AND_CUT, EscPos.CUT_PARTIAL_AFTER_FEED,
                unsignedByte(n, "cut feed"));
    }

    /**
     * ESC p m t1 t2: a pulse on the drawer kick-out connector, which opens the cash drawer wired to
     * it: on for {@code onMillis}, then off for {@code offMillis} (each 2..510 ms, in steps of 2 ms;
     * Epson: off at least as long as on, else the printer stretches it). The printer drives the
     * solenoid; most drawers want 50 to 200 ms on.
     */
    public CommandBuffer drawerPulse(DrawerPin pin, int onMillis, int offMillis) {
        if (onMillis < 2 || onMillis > 510 || offMillis < onMillis || offMillis > 510) {
            throw new IllegalArgumentException("drawer pulse must be on 2..510 ms and off on..510 ms, was "
                    + onMillis + "/" + offMillis);
        }
        return append(EscPos.ESC, EscPos.GENERATE_PULSE, (byte) pin.m(), (byte) (onMillis / 2), (byte) (offMillis / 2));
    }

    /** FS &amp;: Kanji (Chinese) mode on; bytes from 0x81 start GB18030 double-byte characters. */
    public CommandBuffer chineseModeOn() {
        return append(EscPos.FS, EscPos.SELECT_KANJI_MODE);
    }

    /** FS .: Kanji (Chinese) mode off; every byte is one character of the code page. */
    public CommandBuffer chineseModeOff() {
        return append(EscPos.FS, EscPos.CANCEL_KANJI_MODE);
    }

    /** Text in the slip's encoding; the caller ends the line with {@link #lineFeed()}. */
    public CommandBuffer text(String text, TextEncoding encoding) {
        bytes.writeBytes(encoding.encode(text));
        return this;
    }

    /** DLE EOT n. */
    public CommandBuffer realTimeStatus(RealTimeStatus request) {
        bytes.writeBytes(request.request());
        return this;
    }

    public int size() {
        return bytes.size();
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private CommandBuffer append(byte... command) {
        bytes.writeBytes(command);
        return this;
    }

    private static byte unsignedByte(int n, String what) {
        if (n < 0 || n > 255) {
            throw new IllegalArgumentException(what + " must be 0..255, was " + n);
        }
        return (byte) n;
    }
}
