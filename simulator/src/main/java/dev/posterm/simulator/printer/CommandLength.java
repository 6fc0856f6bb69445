package dev.posterm.simulator.printer;

/**
 * How many bytes an ESC/POS command spans, from Epson's command reference, so commands the
 * simulator does not act on are skipped whole instead of printing their arguments as text.
 *
 * <p>{@link #header} is asked with the bytes collected so far (at least the prefix and the command
 * byte) and answers the header's total length, which may need more bytes to know (it then answers
 * a length larger than what it was given). {@link #payload} gives the raw data that follows a
 * complete header (images, barcodes, GS ( blocks), or {@link #NUL_TERMINATED}.
 */
final class CommandLength {
    static final int ESC = 0x1B;
    static final int GS = 0x1D;
    static final int FS = 0x1C;
    static final int DLE = 0x10;
    static final int NUL_TERMINATED = -1;

    private CommandLength() {
    }

    static int header(byte[] cmd, int have) {
        int c = cmd[1] & 0xFF;
        return switch (cmd[0] & 0xFF) {
            case ESC -> esc(c);
            case GS -> gs(c, cmd, have);
            case FS -> fs(c);
            case DLE -> dle(c, cmd, have);
            default -> 1;
        };
    }

    static boolean known(byte[] cmd) {
        int c = cmd[1] & 0xFF;
        return switch (cmd[0] & 0xFF) {
            case ESC -> "@2im<LS!-EGMRtadJe3{V =r%?TUBc$\\p*DW".indexOf(c) >= 0;
            case GS -> "!BHhwfabEIr/(VLW$\\Pkv*^:D".indexOf(c) >= 0;
            case FS -> "&.!-CWSp2(".indexOf(c) >= 0;
            case DLE -> c == 0x04 || c == 0x05 || c == 0x14;
            default -> false;
        };
    }

    private static int esc(int c) {
        return switch (c) {
            case '@', '2', 'i', 'm', '<', 'L', 'S' -> 2; // ESC L / ESC S: page / standard mode
            case '!', '-', 'E', 'G', 'M', 'R', 't', 'a', 'd', 'J', 'e', '3', '{', 'V', ' ', '=', 'r', '%', '?',
                 'T', 'U', 'B' -> 3;
            case 'c', '$', '\\' -> 4;         // ESC c 3 n, ESC $ nL nH, ESC \\ nL nH
            case 'p', '*' -> 5;                // ESC p m t1 t2; ESC * m nL nH
            case 'W' -> 10;                    // ESC W xL xH yL yH dxL dxH dyL dyH
            case 'D' -> 2;                     // tab stops follow, NUL-terminated
            default -> 2;                      // unknown: assume no argument
        };
    }

    private static int gs(int c, byte[] cmd, int have) {
        return switch (c) {
            case ':' -> 2;
            case '!', 'B', 'H', 'h', 'w', 'f', 'a', 'b', 'E', 'I', 'r', '/' -> 3;
            case 'L', 'W', '$', '\\', 'P', '*' -> 4;
            case 'V' -> have < 3 ? 3 : cutLength(cmd[2] & 0xFF);
            case 'k' -> have < 3 ? 3 : ((cmd[2] & 0xFF) <= 6 ? 3 : 4); // GS k m d.. NUL | GS k m n d1..dn
            case '(', 'D' -> 5;               // GS ( fn pL pH: pL+pH*256 bytes follow
            case '^' -> 5;
            case 'v' -> 8;                    // GS v 0 m xL xH yL yH
            default -> 2;
        };
    }

    /** GS V m: m 0, 1, 48, 49 cut at once; 65, 66, 97, 98, 103, 104 take a feed amount n. */
    private static int cutLength(int m) {
        return m <= 1 || m == 48 || m == 49 ? 3 : 4;
    }

    private static int fs(int c) {
        return switch (c) {
            case '&', '.' -> 2;
            case '!', '-', 'C', 'W' -> 3;
            case 'S', 'p', '2' -> 4;
            case '(' -> 5;
            default -> 2;
        };
    }

    private static int dle(int c, byte[] cmd, int have) {
        return switch (c) {
            case 0x04, 0x05 -> 3;                                     // DLE EOT n, DLE ENQ n
            case 0x14 -> have < 3 ? 3 : ((cmd[2] & 0xFF) == 8 ? 10 : 5); // DLE DC4 fn ...
            default -> 2;
        };
    }

    static int payload(byte[] cmd) {
        int p = cmd[0] & 0xFF;
        int c = cmd[1] & 0xFF;
        if (p == ESC && c == '*') {
            int dots = (cmd[3] & 0xFF) + (cmd[4] & 0xFF) * 256;
            return (cmd[2] & 0xFF) <= 1 ? dots : dots * 3;
        }
        if (p == ESC && c == 'D') {
            return NUL_TERMINATED;
        }
        if (p == GS) {
            return gsPayload(c, cmd);
        }
        if (p == FS && c == '2') {
            return 72;                        // FS 2 c1 c2 + 24x24 dot pattern
        }
        if (p == FS && c == '(') {
            return (cmd[3] & 0xFF) + (cmd[4] & 0xFF) * 256;
        }
        return 0;
    }

    private static int gsPayload(int c, byte[] cmd) {
        return switch (c) {
            case 'k' -> (cmd[2] & 0xFF) <= 6 ? NUL_TERMINATED : cmd[3] & 0xFF;
            case '(', 'D' -> (cmd[3] & 0xFF) + (cmd[4] & 0xFF) * 256;
            case 'v' -> ((cmd[4] & 0xFF) + (cmd[5] & 0xFF) * 256) * ((cmd[6] & 0xFF) + (cmd[7] & 0xFF) * 256);
            case '*' -> (cmd[2] & 0xFF) * (cmd[3] & 0xFF) * 8;
            default -> 0;
        };
    }
}
