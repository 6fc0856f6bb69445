package dev.posterm.core.hostlink;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fields and message types of {@code shared/specs/host-link.md}: what we send, and which
 * messages we accept at all.
 *
 * <ul>
 *   <li><b>Fields: strict in what we send, liberal in what we accept.</b> We only ever send the
 *       23 fields of the profile: a request carrying any other field is refused on encode as a
 *       programming error. A received message may carry any field 2..128 that
 *       {@code ISO87APackager} defines ({@link Iso87aFields}): the spec says every field travels
 *       as that packager packs it, and an acquirer may add fields of its own to a response (44
 *       additional response data, 54 additional amounts, 15 settlement date...). Refusing them
 *       would turn a good 0210 into "undecodable", the sale into a timeout and a reversal. Such a
 *       field is checked against its packager format, kept in the {@link IsoMessage}, and ignored
 *       by the engine.</li>
 *   <li><b>MTIs</b>: only the profile's twelve, sent or received. A host has no business sending
 *       others; one that does is malformed input, named by its MTI.</li>
 * </ul>
 *
 * <p>The profile's formats are ISO87APackager's, with one narrowing: field 35 (track 2,
 * {@code IFA_LLNUM(37)}) also admits {@code D} and {@code =}, the z characters the spec gives it,
 * and nothing else. Field 49 is {@code IF_CHAR(3)} in ISO87APackager (not {@code IFA_NUMERIC}); for
 * a 3-digit ISO 4217 code the bytes are the same either way, and we follow the packager.
 */
final class HostProfile {

    static final Set<String> MTIS = Set.of(
            "0200", "0210", "0220", "0221", "0230", "0400", "0401", "0410",
            "0500", "0510", "0800", "0810");

    private static final Set<Integer> SENT = Set.of(
            2, 3, 4, 7, 11, 12, 13, 14, 22, 23, 25, 35, 37, 38, 39, 41, 42, 49, 55, 60, 63, 70, 90);

    private static final FieldFormat TRACK2 = new FieldFormat(35, FieldFormat.Kind.LLTRACK2, 37);

    private static final Map<Integer, FieldFormat> FIELDS = SENT.stream()
            .map(n -> n == 35 ? TRACK2 : Iso87aFields.field(n).orElseThrow())
            .collect(Collectors.toUnmodifiableMap(FieldFormat::number, Function.identity()));

    private HostProfile() {
    }

    /** The format of a field we may send; empty for any other field. */
    static Optional<FieldFormat> field(int number) {
        return Optional.ofNullable(FIELDS.get(number));
    }

    /**
     * The format a received field is checked against: the profile's for its own fields, the
     * packager's for the rest of 2..128; empty outside 2..128.
     */
    static Optional<FieldFormat> received(int number) {
        return field(number).or(() -> Iso87aFields.field(number));
    }

    /** Every format a received message may use, one per field 2..128. */
    static Iterable<FieldFormat> receivable() {
        return IntStream.rangeClosed(2, 128).mapToObj(n -> received(n).orElseThrow()).toList();
    }

    /** The profile's MTIs in order, for error messages. */
    static String mtiList() {
        return MTIS.stream().sorted().collect(Collectors.joining(", "));
    }
}
