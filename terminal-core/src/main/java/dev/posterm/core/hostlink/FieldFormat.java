package dev.posterm.core.hostlink;

import java.util.Optional;

/**
 * How one ISO 8583 field travels: the {@code ISO87APackager} field packager for it, with the
 * content rules of {@code shared/specs/host-link.md}.
 *
 * <pre>
 *   NUMERIC  IFA_NUMERIC  "000000001500"            fixed, ASCII digits, zero-padded on the left
 *   CHAR     IF_CHAR      "TERM01  "                fixed, printable ASCII, space-padded on the right
 *   AMOUNT   IFA_AMOUNT   "D00000150"               fixed, 'C' (credit) or 'D' (debit), then digits
 *   HEX      IFA_BINARY   "0123456789ABCDEF"        fixed, n bytes as 2n ASCII hex characters
 *   LLNUM    IFA_LLNUM    "16" "1234567890123456"   2 ASCII decimal length digits, then digits
 *   LLTRACK2 IFA_LLNUM    "37" "1234...D2512..."    as LLNUM, characters 0-9, D and = (z)
 *   LLCHAR   IFA_LLCHAR   "05" "A1 B2"              2 ASCII decimal length digits, printable ASCII
 *   LLLCHAR  IFA_LLLCHAR  "006" "000042"            3 ASCII decimal length digits, printable ASCII
 * </pre>
 *
 * {@code length} is the field's length in characters on the wire (for HEX twice the packager's
 * byte count), the maximum for the variable kinds. Problems are described without the value:
 * several fields carry card data.
 */
record FieldFormat(int number, Kind kind, int length) {

    enum Kind { NUMERIC, CHAR, AMOUNT, HEX, LLNUM, LLTRACK2, LLCHAR, LLLCHAR }

    static FieldFormat numeric(int number, int length) {
        return new FieldFormat(number, Kind.NUMERIC, length);
    }

    static FieldFormat chars(int number, int length) {
        return new FieldFormat(number, Kind.CHAR, length);
    }

    boolean variable() {
        return prefixWidth() > 0;
    }

    /** Width of the length prefix on the wire: 0, 2 (LL) or 3 (LLL). */
    int prefixWidth() {
        return switch (kind) {
            case NUMERIC, CHAR, AMOUNT, HEX -> 0;
            case LLNUM, LLTRACK2, LLCHAR -> 2;
            case LLLCHAR -> 3;
        };
    }

    /**
     * What is wrong with a value we are about to send. Fixed NUMERIC and CHAR fields may be shorter
     * than their length: the codec pads them as jPOS does (numeric with leading zeros, text with
     * spaces). AMOUNT and HEX have no padding that keeps their meaning, so they must be whole.
     */
    Optional<String> encodingProblem(String value) {
        if (value.length() > length) {
            return Optional.of("longer than " + length + " (length " + value.length() + ")");
        }
        if ((kind == Kind.AMOUNT || kind == Kind.HEX) && value.length() != length) {
            return Optional.of("length " + value.length() + " instead of " + length);
        }
        if ((kind == Kind.NUMERIC || kind == Kind.LLNUM) && value.isEmpty()) {
            return Optional.of("empty");
        }
        return contentProblem(value);
    }

    /** What is wrong with a value as it arrived (fixed fields at their full length). */
    Optional<String> decodingProblem(String value) {
        if (!variable() && value.length() != length) {
            return Optional.of("length " + value.length() + " instead of " + length);
        }
        return encodingProblem(value);
    }

    private Optional<String> contentProblem(String value) {
        boolean ok = switch (kind) {
            case NUMERIC, LLNUM -> value.chars().allMatch(FieldFormat::digit);
            case LLTRACK2 -> value.chars().allMatch(c -> digit(c) || c == 'D' || c == '=');
            case AMOUNT -> (value.charAt(0) == 'C' || value.charAt(0) == 'D')
                    && value.chars().skip(1).allMatch(FieldFormat::digit);
            // jPOS packs upper case and unpacks either; we keep what came, so either re-encodes exactly
            case HEX -> value.chars().allMatch(c -> digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
            case CHAR, LLCHAR, LLLCHAR -> value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        };
        if (ok) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case NUMERIC, LLNUM -> "not all ASCII digits";
            case LLTRACK2 -> "not all track 2 characters (0-9, D, =)";
            case AMOUNT -> "not C or D followed by ASCII digits";
            case HEX -> "not all hex characters";
            case CHAR, LLCHAR, LLLCHAR -> "not all printable ASCII";
        });
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Bytes the field takes on the wire for {@code value} (already at its wire form). */
    int wireWidth(String value) {
        return prefixWidth() + (variable() ? value.length() : length);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NUMERIC -> "n" + length;
            case CHAR -> "ans" + length;
            case AMOUNT -> "x+n" + (length - 1);
            case HEX -> "b" + (length / 2) + " as hex";
            case LLNUM -> "LLVAR n.." + length;
            case LLTRACK2 -> "LLVAR z.." + length;
            case LLCHAR -> "LLCHAR .." + length;
            case LLLCHAR -> "LLLCHAR .." + length;
        };
    }
}
