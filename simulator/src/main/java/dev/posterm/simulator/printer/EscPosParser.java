package dev.posterm.simulator.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * An ESC/POS byte stream read as an Epson-compatible printer reads it: a pure state machine fed
 * chunks, telling its {@link Sink} about printed lines, cuts and real-time status requests.
 *
 * <p>Text is decoded as GB18030 in Chinese mode ({@code FS &}) and as ASCII otherwise
 * ({@code FS .}); GB18030 bytes are never below 0x30, so commands cannot hide inside a character.
 * Commands the printer does not act on are skipped with their documented arguments and data
 * ({@link CommandLength}); an unknown command byte is assumed to take no argument and counted.
 * {@code ESC @} clears the unprinted line and every mode, Chinese mode included (the power-on
 * state). CR is ignored (serial Epson printers default to no auto line feed on CR); HT prints as
 * a tab character.
 */
final class EscPosParser {
    /** What the printer does with what it read. */
    interface Sink {
        /** False while paper is out or the cover is open: nothing prints. */
        boolean online();

        /** Print data received while offline, which a real printer would not print. */
        void lost(int bytes);

        void line(PrintedLine line);

        void cut();

        /** DLE EOT n: answer at once. */
        void status(int n);

        /** ESC p m t1 t2: a pulse on the drawer kick-out connector, m 0/48 pin 2, 1/49 pin 5; times in ms. */
        void drawerPulse(int pin, int onMillis, int offMillis);
    }

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final int LF = 0x0A;

    private final Sink sink;
    private final ByteArrayOutputStream pendingText = new ByteArrayOutputStream();
    private final StringBuilder line = new StringBuilder();
    private final byte[] cmd = new byte[10];
    private int cmdLength;
    private int payloadLeft;
    private boolean skipToNul;
    private boolean chinese;
    private int align;
    private boolean bold;
    private int width = 1;
    private int height = 1;
    private long unknownCommands;

    EscPosParser(Sink sink) {
        this.sink = sink;
    }

    void accept(byte[] chunk) {
        for (byte b : chunk) {
            step(b & 0xFF);
        }
    }

    long unknownCommands() {
        return unknownCommands;
    }

    private void step(int b) {
        if (payloadLeft > 0) {
            payloadLeft--;
        } else if (skipToNul) {
            skipToNul = b != 0;
        } else if (cmdLength > 0) {
            commandByte(b);
        } else if (b == CommandLength.ESC || b == CommandLength.GS || b == CommandLength.FS || b == CommandLength.DLE) {
            flushText();
            cmd[0] = (byte) b;
            cmdLength = 1;
        } else if (b == LF) {
            printLine(1, 1);
        } else if (b >= 0x20 || b == 0x09) {
            if (sink.online()) {
                pendingText.write(b);
            } else {
                sink.lost(1);
            }
        }
        // other control bytes (CR, NUL, FF, CAN...) do nothing in standard mode
    }

    private void commandByte(int b) {
        cmd[cmdLength++] = (byte) b;
        if (cmdLength < CommandLength.header(cmd, cmdLength)) {
            return;
        }
        int total = cmdLength;
        cmdLength = 0;
        if (!CommandLength.known(cmd)) {
            unknownCommands++;
        }
        execute(total);
        int payload = CommandLength.payload(cmd);
        if (payload == CommandLength.NUL_TERMINATED) {
            skipToNul = true;
        } else {
            payloadLeft = payload;
        }
    }

    private void execute(int total) {
        int prefix = cmd[0] & 0xFF;
        int c = cmd[1] & 0xFF;
        int n = total > 2 ? cmd[2] & 0xFF : 0;
        if (prefix == CommandLength.ESC && c == 'p') {
            // Epson: t2 shorter than t1 is taken as t1
            int on = (cmd[3] & 0xFF) * 2;
            sink.drawerPulse(n % 48 == 0 ? 2 : 5, on, Math.max(on, (cmd[4] & 0xFF) * 2));
        } else if (prefix == CommandLength.ESC) {
            esc(c, n);
        } else if (prefix == CommandLength.GS && c == '!') {
            width = ((n >> 4) & 0x07) + 1;
            height = (n & 0x07) + 1;
        } else if (prefix == CommandLength.GS && c == 'V') {
            cut(total);
        } else if (prefix == CommandLength.FS && (c == '&' || c == '.')) {
            chinese = c == '&';
        } else if (prefix == CommandLength.DLE && c == 0x04) {
            sink.status(n);
        }
    }

    private void esc(int c, int n) {
        switch (c) {
            case '@' -> reset();
            case 'a' -> align = n % 48 % 3;   // n is 0..2 or '0'..'2'
            case 'E' -> bold = (n & 1) == 1;
            case '!' -> {
                bold = (n & 0x08) != 0;
                height = (n & 0x10) != 0 ? 2 : 1;
                width = (n & 0x20) != 0 ? 2 : 1;
            }
            case 'd' -> printLine(Math.max(1, n), 3);
            case 'i', 'm' -> cut(2);
            default -> {
                // a mode the slip does not record (underline, font, line spacing...)
            }
        }
    }

    private void reset() {
        pendingText.reset();
        line.setLength(0);
        chinese = false;
        align = 0;
        bold = false;
        width = 1;
        height = 1;
    }

    /** Prints the line in the buffer and feeds {@code feed} lines (blank lines after the first). */
    private void printLine(int feed, int commandBytes) {
        flushText();
        if (!sink.online()) {
            sink.lost(commandBytes);
            return;
        }
        sink.line(new PrintedLine(line.toString(), align, bold, width, height));
        line.setLength(0);
        for (int i = 1; i < feed; i++) {
            sink.line(new PrintedLine("", align, bold, width, height));
        }
    }

    private void cut(int commandBytes) {
        flushText();
        if (!sink.online()) {
            sink.lost(commandBytes);
            return;
        }
        if (!line.isEmpty()) {
            printLine(1, 0);   // a cut feeds to the cutter, printing what is in the buffer
        }
        sink.cut();
    }

    private void flushText() {
        if (pendingText.size() == 0) {
            return;
        }
        line.append(new String(pendingText.toByteArray(), chinese ? GB18030 : StandardCharsets.US_ASCII));
        pendingText.reset();
    }
}
