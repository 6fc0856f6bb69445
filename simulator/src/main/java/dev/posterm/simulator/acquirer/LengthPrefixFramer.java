package dev.posterm.simulator.acquirer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host link's framing: a 2-byte big-endian length, then that many bytes of message.
 * <pre>
 * LEN_HI | LEN_LO | message (LEN bytes)
 * </pre>
 * A pure state machine fed chunks. A length of 0 or above {@link #MAX_LENGTH} cannot be
 * resynchronised (there is no start byte to look for), so the framer reports it and the host
 * drops the connection.
 */
final class LengthPrefixFramer {
    /** Larger than any message of the profile (field 55 at 999 characters included). */
    static final int MAX_LENGTH = 8192;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean broken;

    /** The complete messages in the bytes so far; throws once the stream is out of sync. */
    List<byte[]> accept(byte[] chunk) {
        if (broken) {
            throw new IllegalStateException("stream already out of sync");
        }
        buffer.writeBytes(chunk);
        byte[] all = buffer.toByteArray();
        List<byte[]> messages = new ArrayList<>();
        int at = 0;
        while (all.length - at >= 2) {
            int length = ((all[at] & 0xFF) << 8) | (all[at + 1] & 0xFF);
            if (length == 0 || length > MAX_LENGTH) {
                broken = true;
                throw new IllegalStateException("length prefix " + length + " outside 1.." + MAX_LENGTH);
            }
            if (all.length - at - 2 < length) {
                break;
            }
            messages.add(Arrays.copyOfRange(all, at + 2, at + 2 + length));
            at += 2 + length;
        }
        buffer.reset();
        buffer.write(all, at, all.length - at);
        return messages;
    }

    static byte[] frame(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }
}
