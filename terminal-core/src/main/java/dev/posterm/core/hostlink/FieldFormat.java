package dev.posterm.core.hostlink;

import java.util.Optional;

/**
 * How one field of the host profile travels: the {@code ISO87APackager} field packager for it,
 * with the content rules of {@code shared/specs/host-link.md}.
 *
 * <pre>
 *   NUMERIC  IFA_NUMERIC  "000000001500"        fixed, ASCII digits, zero-padded on the left
 *   CHAR     IF_CHAR      "TERM01  "            fixed, printable ASCII, space-padded on the right
 *   LLNUM    IFA_LLNUM    "16" "4761739001010010"   2 ASCII decimal length digits, then digits
 *   LLTRACK2 IFA_LLNUM    "37" "4761...D2512..."    as LLNUM, characters 0-9, D and = (z)
 *   LLLCHAR  IFA_LLLCHAR  "006" "000042"        3 ASCII decimal length digits, printable ASCII
 * </pre>
 *
 * Problems are described without the value: several fields carry card data.
 */
record FieldFormat(int number, Kind kind, int length) {

    enum Kind { NUMERIC, CHAR, LLNUM, LLTRACK2, LLLCHAR }

    static FieldFormat numeric(int number, int length) {
        return new FieldFormat(number, Kind.NUMERIC, length);
    }

    static FieldFormat chars(int number, int length) {
        return new FieldFormat(number, Kind.CHAR, length);
    }

    boolean variable() {
        return kind == Kind.LLNUM || kind == Kind.LLTRACK2 || kind == Kind.LLLCHAR;
    }

    /** Width of the length prefix on the wire: 0, 2 (LL) or 3 (LLL). */
    int prefixWidth() {
        return switch (kind) {
            case NUMERIC, CHAR -> 0;
            case LLNUM, LLTRACK2 -> 2;
            case LLLCHAR -> 3;
        };
    }

    /**
     * What is wrong with a value we are about to send. Fixed fields may be shorter than their
     * length: the codec pads them as jPOS does (numeric with leading zeros, text with spaces).
     */
    Optional<String> encodingProblem(String value) {
        if (value.length() > length) {
            return Optional.of("longer than " + length + " (length " + value.length() + ")");
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
            case NUMERIC, LLNUM -> value.chars().allMatch(c -> c >= '0' && c <= '9');
            case LLTRACK2 -> value.chars().allMatch(c -> (c >= '0' && c <= '9') || c == 'D' || c == '=');
            case CHAR, LLLCHAR -> value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        };
        if (ok) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case NUMERIC, LLNUM -> "not all ASCII digits";
            case LLTRACK2 -> "not all track 2 characters (0-9, D, =)";
            case CHAR, LLLCHAR -> "not all printable ASCII";
        });
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
            case LLNUM -> "LLVAR n.." + length;
            case LLTRACK2 -> "LLVAR z.." + length;
            case LLLCHAR -> "LLLCHAR .." + length;
        };
    }
}
