package dev.posterm.simulator.acquirer;

import java.util.Map;

/**
 * How one ISO 8583 field is written in the host profile: the formats of jPOS's
 * {@code ISO87APackager} (ASCII throughout) for the fields host-link.md uses, and no others.
 * <pre>
 * NUMERIC  n, fixed, zero-padded digits            (IFA_NUMERIC)
 * CHAR     an/ans, fixed, printable ASCII         (IF_CHAR)
 * LLNUM    2 ASCII digits of length, then data     (IFA_LLNUM; field 35 allows the separator D or =)
 * LLLCHAR  3 ASCII digits of length, then ASCII    (IFA_LLLCHAR)
 * </pre>
 */
record FieldFormat(Kind kind, int length) {
    enum Kind { NUMERIC, CHAR, LLNUM, LLLCHAR }

    /** The host profile's fields, numbered as in ISO 8583:1987. */
    static final Map<Integer, FieldFormat> PROFILE = Map.ofEntries(
            Map.entry(2, new FieldFormat(Kind.LLNUM, 19)),
            Map.entry(3, new FieldFormat(Kind.NUMERIC, 6)),
            Map.entry(4, new FieldFormat(Kind.NUMERIC, 12)),
            Map.entry(7, new FieldFormat(Kind.NUMERIC, 10)),
            Map.entry(11, new FieldFormat(Kind.NUMERIC, 6)),
            Map.entry(12, new FieldFormat(Kind.NUMERIC, 6)),
            Map.entry(13, new FieldFormat(Kind.NUMERIC, 4)),
            Map.entry(14, new FieldFormat(Kind.NUMERIC, 4)),
            Map.entry(22, new FieldFormat(Kind.NUMERIC, 3)),
            Map.entry(23, new FieldFormat(Kind.NUMERIC, 3)),
            Map.entry(25, new FieldFormat(Kind.NUMERIC, 2)),
            Map.entry(35, new FieldFormat(Kind.LLNUM, 37)),
            Map.entry(37, new FieldFormat(Kind.CHAR, 12)),
            Map.entry(38, new FieldFormat(Kind.CHAR, 6)),
            Map.entry(39, new FieldFormat(Kind.CHAR, 2)),
            Map.entry(41, new FieldFormat(Kind.CHAR, 8)),
            Map.entry(42, new FieldFormat(Kind.CHAR, 15)),
            Map.entry(49, new FieldFormat(Kind.CHAR, 3)),
            Map.entry(55, new FieldFormat(Kind.LLLCHAR, 999)),
            Map.entry(60, new FieldFormat(Kind.LLLCHAR, 999)),
            Map.entry(63, new FieldFormat(Kind.LLLCHAR, 999)),
            Map.entry(70, new FieldFormat(Kind.NUMERIC, 3)),
            Map.entry(90, new FieldFormat(Kind.NUMERIC, 42)));

    /** Whether {@code value} may stand in a field {@code number} of this format. */
    boolean allows(int number, String value) {
        return switch (kind) {
            case NUMERIC -> value.length() == length && value.chars().allMatch(Character::isDigit);
            case CHAR -> value.length() == length && printable(value);
            case LLNUM -> value.length() <= length && value.chars().allMatch(c -> Character.isDigit(c)
                    || (number == 35 && (c == 'D' || c == '=')));
            case LLLCHAR -> value.length() <= length && printable(value);
        };
    }

    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }
}
