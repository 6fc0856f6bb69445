package dev.posterm.core.hostlink;

import java.util.Optional;

import static dev.posterm.core.hostlink.FieldFormat.Kind.AMOUNT;
import static dev.posterm.core.hostlink.FieldFormat.Kind.CHAR;
import static dev.posterm.core.hostlink.FieldFormat.Kind.HEX;
import static dev.posterm.core.hostlink.FieldFormat.Kind.LLCHAR;
import static dev.posterm.core.hostlink.FieldFormat.Kind.LLLCHAR;
import static dev.posterm.core.hostlink.FieldFormat.Kind.LLNUM;
import static dev.posterm.core.hostlink.FieldFormat.Kind.NUMERIC;

/**
 * Every field 2..128 as jPOS's {@code ISO87APackager} packs it: what the codec needs to read a
 * message whatever fields a host adds. The host profile ({@link HostProfile}) is a subset of it; a
 * field outside the profile is read and kept, never sent.
 *
 * <pre>
 *   field   packager(length)      kind here (length in wire characters)
 *   2       IFA_LLNUM(19)         LLNUM 19
 *   28-31   IFA_AMOUNT(9)         AMOUNT 9: 'C'/'D' + 8 digits
 *   52      IFA_BINARY(8)         HEX 16
 *   104     IFA_LLLCHAR(100)      LLLCHAR 100
 * </pre>
 */
final class Iso87aFields {

    private static final FieldFormat[] FIELDS = new FieldFormat[129];

    static {
        put(LLNUM, 19, 2);
        put(NUMERIC, 6, 3);
        put(NUMERIC, 12, 4, 5, 6);
        put(NUMERIC, 10, 7);
        put(NUMERIC, 8, 8, 9, 10);
        put(NUMERIC, 6, 11, 12);
        put(NUMERIC, 4, range(13, 18));
        put(NUMERIC, 3, range(19, 24));
        put(NUMERIC, 2, 25, 26);
        put(NUMERIC, 1, 27);
        put(AMOUNT, 9, range(28, 31));
        put(LLNUM, 11, 32, 33);
        put(LLCHAR, 28, 34);
        put(LLNUM, 37, 35);
        put(LLLCHAR, 104, 36);
        put(CHAR, 12, 37);
        put(CHAR, 6, 38);
        put(CHAR, 2, 39);
        put(CHAR, 3, 40);
        put(CHAR, 8, 41);
        put(CHAR, 15, 42);
        put(CHAR, 40, 43);
        put(LLCHAR, 25, 44);
        put(LLCHAR, 76, 45);
        put(LLLCHAR, 999, 46, 47, 48);
        put(CHAR, 3, 49, 50, 51);
        put(HEX, 2 * 8, 52);
        put(NUMERIC, 16, 53);
        put(LLLCHAR, 120, 54);
        put(LLLCHAR, 999, range(55, 63));
        put(HEX, 2 * 8, 64);
        put(HEX, 2 * 1, 65);
        put(NUMERIC, 1, 66);
        put(NUMERIC, 2, 67);
        put(NUMERIC, 3, 68, 69, 70);
        put(NUMERIC, 4, 71, 72);
        put(NUMERIC, 6, 73);
        put(NUMERIC, 10, range(74, 81));
        put(NUMERIC, 12, range(82, 85));
        put(NUMERIC, 16, range(86, 89));
        put(NUMERIC, 42, 90);
        put(CHAR, 1, 91);
        put(CHAR, 2, 92);
        put(CHAR, 6, 93);
        put(CHAR, 7, 94);
        put(CHAR, 42, 95);
        put(HEX, 2 * 16, 96);
        put(AMOUNT, 17, 97);
        put(CHAR, 25, 98);
        put(LLNUM, 11, 99, 100);
        put(LLCHAR, 17, 101);
        put(LLCHAR, 28, 102, 103);
        put(LLLCHAR, 100, 104);
        put(LLLCHAR, 999, range(105, 127));
        put(HEX, 2 * 8, 128);
        for (int n = 2; n <= 128; n++) {
            if (FIELDS[n] == null) {
                throw new ExceptionInInitializerError("ISO87A table has no field " + n);
            }
        }
    }

    private Iso87aFields() {
    }

    /** The packager's format for field {@code number}; empty for 1 (the secondary bitmap) and outside 2..128. */
    static Optional<FieldFormat> field(int number) {
        return number >= 2 && number <= 128 ? Optional.of(FIELDS[number]) : Optional.empty();
    }

    private static void put(FieldFormat.Kind kind, int length, int... numbers) {
        for (int n : numbers) {
            if (FIELDS[n] != null) {
                throw new ExceptionInInitializerError("ISO87A table lists field " + n + " twice");
            }
            FIELDS[n] = new FieldFormat(n, kind, length);
        }
    }

    private static int[] range(int first, int last) {
        return java.util.stream.IntStream.rangeClosed(first, last).toArray();
    }
}
