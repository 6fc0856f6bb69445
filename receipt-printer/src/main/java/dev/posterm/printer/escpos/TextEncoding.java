package dev.posterm.printer.escpos;

import java.nio.charset.Charset;

/**
 * How the characters of a slip become bytes, and how many print columns each takes.
 *
 * <p>{@code ASCII} is for a slip printed with Kanji mode off ({@code FS .}); {@code GB18030} for one
 * printed with Kanji mode on ({@code FS &}), where a Chinese-capable printer reads any byte from 0x81
 * as the lead byte of a multi-byte character.
 *
 * <p>Control characters (below 0x20, and DEL) in text are replaced by '?' in both encodings: they would
 * otherwise reach the printer as commands (an ESC in a merchant name would start one).
 */
public enum TextEncoding {
    ASCII, GB18030;

    private static final byte REPLACEMENT = '?';
    private static final Charset GB18030_CHARSET = Charset.forName("GB18030");

    /** The bytes of {@code text} in this encoding, control characters and (ASCII) non-ASCII replaced. */
    public byte[] encode(String text) {
        String safe = withoutControls(text);
        if (this == GB18030) {
            // GB18030 maps every Unicode code point; only a lone surrogate falls back to '?'.
            return safe.getBytes(GB18030_CHARSET);
        }
        // A byte from 0x80 would print as whatever the printer's current code page holds there (or,
        // on a Chinese printer left in Kanji mode, swallow the next character as a trail byte). A '?'
        // is visible and harmless; the amounts, dates and masked card numbers of a slip are ASCII anyway.
        int[] codePoints = safe.codePoints().toArray();
        byte[] bytes = new byte[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            bytes[i] = codePoints[i] < 0x80 ? (byte) codePoints[i] : REPLACEMENT;
        }
        return bytes;
    }

    /**
     * Print columns of one code point, in units of the normal (font A, 12-dot) character cell.
     *
     * <p>This is the East-Asian-wide rule as a Chinese-mode printer applies it: every character outside
     * ASCII travels as a multi-byte GB18030 code and is drawn from the 24-dot Kanji font, two columns
     * wide (CJK ideographs, full-width forms, and also e.g. 'é' or '€', which GB18030 codes as 2 bytes).
     * In ASCII mode every code point prints as one character (itself or '?').
     */
    public int columns(int codePoint) {
        return this == GB18030 && codePoint >= 0x80 ? 2 : 1;
    }

    /** Print columns of a whole string at normal size. */
    public int columns(String text) {
        return text.codePoints().map(this::columns).sum();
    }

    private static String withoutControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(cp < 0x20 || cp == 0x7F ? REPLACEMENT : cp));
        return out.toString();
    }
}
