package dev.posterm.drivers.modem;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AtLinesTest {

    /** Echo, then an information response and OK, as a modem sends them (V.250: CR LF framing). */
    private static final byte[] REPLY = "AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> LINES = List.of("AT+CSQ", "+CSQ: 21,99", "OK");

    @Test
    void whole() {
        assertEquals(LINES, new AtLines().accept(REPLY, 0, REPLY.length));
    }

    @Test
    void splitAtEveryPosition() {
        for (int cut = 0; cut <= REPLY.length; cut++) {
            AtLines lines = new AtLines();
            List<String> got = new ArrayList<>(lines.accept(REPLY, 0, cut));
            got.addAll(lines.accept(REPLY, cut, REPLY.length - cut));
            assertEquals(LINES, got, "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATime() {
        AtLines lines = new AtLines();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < REPLY.length; i++) {
            got.addAll(lines.accept(REPLY, i, 1));
        }
        assertEquals(LINES, got);
    }

    @Test
    void overlongLineIsDiscardedAndCounted() {
        byte[] noise = new byte[AtLines.MAX_LINE + 10];
        java.util.Arrays.fill(noise, (byte) 'x');
        AtLines lines = new AtLines();
        assertEquals(List.of(), lines.accept(noise, 0, noise.length));
        byte[] after = "\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("OK"), lines.accept(after, 0, after.length));
        assertEquals(1, lines.discarded());
    }
}
