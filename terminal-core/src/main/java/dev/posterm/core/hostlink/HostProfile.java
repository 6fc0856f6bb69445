package dev.posterm.core.hostlink;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fields and message types of {@code shared/specs/host-link.md}, with the formats jPOS's
 * {@code ISO87APackager} gives those fields. A field or MTI not listed here is refused on encode
 * and makes a received message malformed: neither side of this profile has a use for it.
 *
 * <p>Field 49 is {@code IF_CHAR(3)} in ISO87APackager (not {@code IFA_NUMERIC}); for a 3-digit
 * ISO 4217 code the bytes are the same either way, and we follow the packager.
 */
final class HostProfile {

    static final Set<String> MTIS = Set.of(
            "0200", "0210", "0220", "0221", "0230", "0400", "0401", "0410",
            "0500", "0510", "0800", "0810");

    private static final Map<Integer, FieldFormat> FIELDS = Stream.of(
                    new FieldFormat(2, FieldFormat.Kind.LLNUM, 19),
                    FieldFormat.numeric(3, 6),
                    FieldFormat.numeric(4, 12),
                    FieldFormat.numeric(7, 10),
                    FieldFormat.numeric(11, 6),
                    FieldFormat.numeric(12, 6),
                    FieldFormat.numeric(13, 4),
                    FieldFormat.numeric(14, 4),
                    FieldFormat.numeric(22, 3),
                    FieldFormat.numeric(23, 3),
                    FieldFormat.numeric(25, 2),
                    new FieldFormat(35, FieldFormat.Kind.LLTRACK2, 37),
                    FieldFormat.chars(37, 12),
                    FieldFormat.chars(38, 6),
                    FieldFormat.chars(39, 2),
                    FieldFormat.chars(41, 8),
                    FieldFormat.chars(42, 15),
                    FieldFormat.chars(49, 3),
                    new FieldFormat(55, FieldFormat.Kind.LLLCHAR, 999),
                    new FieldFormat(60, FieldFormat.Kind.LLLCHAR, 999),
                    new FieldFormat(63, FieldFormat.Kind.LLLCHAR, 999),
                    FieldFormat.numeric(70, 3),
                    FieldFormat.numeric(90, 42))
            .collect(Collectors.toUnmodifiableMap(FieldFormat::number, Function.identity()));

    private HostProfile() {
    }

    static Optional<FieldFormat> field(int number) {
        return Optional.ofNullable(FIELDS.get(number));
    }

    static Iterable<FieldFormat> fields() {
        return FIELDS.values();
    }
}
