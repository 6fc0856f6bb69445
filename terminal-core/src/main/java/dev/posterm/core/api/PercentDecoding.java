package dev.posterm.core.api;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the {@code %XX} escapes of a path segment or a query name or value, strictly: an escape
 * that is not {@code %} and two hex digits, or bytes that are not UTF-8, is the caller's mistake
 * (400 naming the part), never a 500 and never a U+FFFD quietly put into an id.
 *
 * <p>The JDK's server already refuses a request line whose target is not a valid URI (its own
 * plain 400, before any handler); this class is what stands when a target passes that check but
 * is still not text, and the guard should the server ever let a bad escape through.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /** A path segment: {@code +} is a plus sign. */
    static String path(String raw, String what) throws Refused {
        return decode(raw, false, what);
    }

    /** A query name or value ({@code application/x-www-form-urlencoded}): {@code +} is a space. */
    static String query(String raw, String what) throws Refused {
        return decode(raw, true, what);
    }

    private static String decode(String raw, boolean plusIsSpace, String what) throws Refused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new Refused(ErrorCode.BAD_REQUEST, "The " + what + " has a malformed '%' escape: '%' must"
                            + " be followed by two hexadecimal digits.");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(ErrorCode.BAD_REQUEST, "The " + what + " is not UTF-8 once its '%' escapes are decoded.");
        }
    }
}
