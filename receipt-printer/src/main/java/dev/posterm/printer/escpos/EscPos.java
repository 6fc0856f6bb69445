package dev.posterm.printer.escpos;

/**
 * The control bytes of Epson's ESC/POS command set, named as the Epson command reference names them.
 *
 * <pre>
 *   ESC @        1B 40          initialise printer
 *   ESC a n      1B 61 n        select justification (0 left, 1 centre, 2 right)
 *   ESC E n      1B 45 n        emphasised mode (bit 0: on/off)
 *   GS ! n       1D 21 n        character size (bits 4-7 width - 1, bits 0-3 height - 1)
 *   LF           0A             print and line feed
 *   ESC d n      1B 64 n        print and feed n lines
 *   GS V m n     1D 56 42 n     function B: feed to the cutting position + n, then (partial) cut
 *   FS &         1C 26          select Kanji (Chinese) character mode
 *   FS .         1C 2E          cancel Kanji (Chinese) character mode
 *   DLE EOT n    10 04 n        transmit real-time status (n = 1..4)
 *   ESC p m t1 t2  1B 70 m t1 t2  generate pulse: drawer kick-out connector pin m (0: pin 2, 1: pin 5),
 *                               on for t1 x 2 ms, off for t2 x 2 ms
 * </pre>
 */
public final class EscPos {

    public static final byte DLE = 0x10;
    public static final byte EOT = 0x04;
    public static final byte LF = 0x0A;
    public static final byte ESC = 0x1B;
    public static final byte FS = 0x1C;
    public static final byte GS = 0x1D;

    /** ESC @: clears the print buffer and resets modes to their power-on values. */
    public static final byte INITIALIZE = '@';
    /** ESC a n. */
    public static final byte SELECT_JUSTIFICATION = 'a';
    /** ESC E n. */
    public static final byte EMPHASIZED_MODE = 'E';
    /** ESC d n. */
    public static final byte PRINT_AND_FEED_LINES = 'd';
    /** GS ! n. */
    public static final byte SELECT_CHARACTER_SIZE = '!';
    /** GS V m [n]. */
    public static final byte SELECT_CUT_MODE_AND_CUT = 'V';
    /** GS V function B, m = 66: feed to the cutting position plus n motion units, then partial cut. */
    public static final byte CUT_PARTIAL_AFTER_FEED = 66;
    /** ESC p m t1 t2. */
    public static final byte GENERATE_PULSE = 'p';
    /** FS &amp;. */
    public static final byte SELECT_KANJI_MODE = '&';
    /** FS . */
    public static final byte CANCEL_KANJI_MODE = '.';

    private EscPos() {
    }
}
