package dev.posterm.core.hostlink;

import com.solab.iso8583.IsoType;
import com.solab.iso8583.IsoValue;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.FieldParseInfo;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link IsoMessage} to and from the bytes of the host profile ({@code shared/specs/host-link.md}):
 * ISO 8583:1987 with every field ASCII, as jPOS's {@code ISO87APackager} packs it. The only class
 * that imports j8583.
 *
 * <pre>
 *  0400 | B220000000808000 [0000004000000000] | field 3 | field 4 | ... | field 90
 *  MTI    primary bitmap    secondary bitmap,    fields in number order, each as
 *  4 ASCII 16 upper-case hex  only when a field   {@link FieldFormat} says: n zero-padded,
 *  digits  chars; bit 1 =     65..128 is present  ans space-padded, LL/LLL ASCII decimal
 *          secondary follows  (here 70 and 90)    length prefix then the characters
 * </pre>
 *
 * <p><b>Strict in what we send, liberal in what we accept.</b> {@link #encode} writes only the
 * fields of {@link HostProfile}; any other field is refused as a programming error, since we never
 * have a reason to send it. {@link #decode} reads every field 2..128 that ISO87APackager defines
 * ({@link Iso87aFields}): an acquirer that follows the spec may add fields of its own to an answer
 * (44, 48, 54, 62, 102, 15, 32...), and refusing them would lose a good approval to a timeout and a
 * reversal. Those fields are checked against their packager format like any other, kept in the
 * {@link IsoMessage} (logged masked as usual) and left for the engine to ignore. MTIs stay limited
 * to the profile's, both ways.
 *
 * <p>j8583 lays the fields out and parses them, but for this profile it is too trusting, so this
 * adapter wraps it:
 * <ul>
 *   <li>on encode it pads a numeric field holding letters and silently truncates an over-long
 *       text field, and its own errors quote the value (card data): every value is checked
 *       against {@link FieldFormat} first and j8583 only ever sees valid values;</li>
 *   <li>on decode it skips non-hex bitmap characters, does not check MTI digits, numeric content
 *       or length-prefix digits, ignores bytes after the last field, and for an unknown MTI logs
 *       and throws the whole raw message: so MTI and bitmap are read and checked here before
 *       j8583 sees the bytes, every value is checked after, and the result is encoded again and
 *       must give back exactly the bytes received (which catches trailing bytes and length
 *       prefixes that are not decimal digits). j8583's exception texts are never passed on, only
 *       the field number and offset they name.</li>
 * </ul>
 * Instances are immutable after construction and safe to share between threads.
 */
public final class Iso8583Codec {
    private static final String ENCODING = "US-ASCII";
    private static final int MTI_LENGTH = 4;
    private static final int BITMAP_CHARS = 16;
    private static final Pattern J8583_FIELD = Pattern.compile("field (\\d{1,3})");

    private final MessageFactory<com.solab.iso8583.IsoMessage> factory = new MessageFactory<>();

    /** The codec for the host profile; it has no options. */
    public Iso8583Codec() {
        factory.setCharacterEncoding(ENCODING);
        factory.setUseBinaryMessages(false);
        factory.setUseBinaryBitmap(false);
        Map<Integer, FieldParseInfo> guide = new HashMap<>();
        // every field 2..128, so that j8583 can walk past any field a host adds
        for (FieldFormat f : HostProfile.receivable()) {
            guide.put(f.number(), FieldParseInfo.getInstance(isoType(f), f.variable() ? 0 : f.length(), ENCODING, false));
        }
        for (String mti : HostProfile.MTIS) {
            factory.setParseMap(Integer.parseInt(mti, 16), guide);
        }
    }

    /**
     * The message as it goes on the wire (without the 2-byte length prefix).
     *
     * @throws IllegalArgumentException if the MTI or a field is not one the profile sends, or a
     *                                  value does not fit its format (the value is not quoted)
     */
    public byte[] encode(IsoMessage message) {
        for (int number : message.fields().keySet()) {
            if (HostProfile.field(number).isEmpty()) {
                throw new IllegalArgumentException(message.mti() + ": field " + number
                        + " is not one the host profile sends (we accept it from a host, never send it)");
            }
        }
        return write(message, false);
    }

    /**
     * The bytes of {@code message}, any ISO87A field allowed: {@link #encode} for what we send
     * (profile fields only, checked before), and the round-trip check of what we received.
     */
    private byte[] write(IsoMessage message, boolean forceSecondaryBitmap) {
        if (!HostProfile.MTIS.contains(message.mti())) {
            throw new IllegalArgumentException("MTI " + message.mti() + " is not in the host profile ("
                    + HostProfile.mtiList() + ")");
        }
        com.solab.iso8583.IsoMessage out = factory.newMessage(Integer.parseInt(message.mti(), 16));
        out.setForceSecondaryBitmap(forceSecondaryBitmap);
        message.fields().forEach((number, value) -> {
            FieldFormat format = HostProfile.received(number).orElseThrow();
            format.encodingProblem(value).ifPresent(problem -> {
                throw new IllegalArgumentException(message.mti() + ": field " + number + " (" + format + ") " + problem);
            });
            out.setValue(number, value, isoType(format), format.length());
        });
        return out.writeData();
    }

    /**
     * Reads one message body (what the framer delivered, without its length prefix). Any field
     * 2..128 is read, as ISO87APackager packs it; fields outside the profile are kept as they came.
     *
     * @throws MalformedMessageException if the bytes are not exactly one ISO87A message with an MTI
     *                                   of the profile
     */
    public IsoMessage decode(byte[] body) throws MalformedMessageException {
        Header header = Header.read(body);
        com.solab.iso8583.IsoMessage parsed = parse(header, body);
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int number : header.fieldNumbers()) {
            IsoValue<Object> value = parsed.getField(number);
            if (value == null) {
                throw header.malformed("field " + number + " is in the bitmap but missing");
            }
            // toString() is the field's text as j8583 counted it on the wire (padding included)
            String text = value.toString();
            FieldFormat format = HostProfile.received(number).orElseThrow();
            Optional<String> problem = format.decodingProblem(text);
            if (problem.isPresent()) {
                throw header.malformed("field " + number + " (" + format + ") " + problem.get());
            }
            fields.put(number, text);
        }
        IsoMessage message = new IsoMessage(header.mti(), fields);
        checkSameBytes(header, message, body);
        return message;
    }

    private com.solab.iso8583.IsoMessage parse(Header header, byte[] body) throws MalformedMessageException {
        try {
            return factory.parseMessage(body, 0);
        } catch (ParseException | UnsupportedEncodingException | RuntimeException e) {
            String where = e instanceof ParseException pe ? " near offset " + pe.getErrorOffset() : "";
            Matcher field = J8583_FIELD.matcher(String.valueOf(e.getMessage()));
            String which = field.find() ? "field " + field.group(1) : "fields";
            throw header.malformed(which + ": data ends early or a length prefix is wrong" + where);
        }
    }

    private void checkSameBytes(Header header, IsoMessage message, byte[] body) throws MalformedMessageException {
        byte[] again = write(message, header.secondaryBitmap());
        int common = Math.min(again.length, body.length);
        for (int i = 0; i < common; i++) {
            if (again[i] != body[i]) {
                throw header.malformed("field " + fieldAt(header, message, i)
                        + " is not in ISO87A form at offset " + i + " (a length prefix that is not decimal digits?)");
            }
        }
        if (body.length > again.length) {
            throw header.malformed((body.length - again.length) + " bytes after the last field");
        }
    }

    private static int fieldAt(Header header, IsoMessage message, int offset) {
        int position = header.width();
        for (Map.Entry<Integer, String> e : message.fields().entrySet()) {
            position += HostProfile.received(e.getKey()).orElseThrow().wireWidth(e.getValue());
            if (offset < position) {
                return e.getKey();
            }
        }
        return message.fields().lastKey();
    }

    private static IsoType isoType(FieldFormat format) {
        return switch (format.kind()) {
            case NUMERIC -> IsoType.NUMERIC;
            // j8583's BINARY would turn the hex into bytes and back in its own case: kept as text instead
            case CHAR, AMOUNT, HEX -> IsoType.ALPHA;
            case LLNUM, LLTRACK2, LLCHAR -> IsoType.LLVAR;
            case LLLCHAR -> IsoType.LLLVAR;
        };
    }

    /** MTI and bitmap, read and checked by us before j8583 sees the bytes. */
    private record Header(String mti, BitSet bits, boolean secondaryBitmap, int length) {

        static Header read(byte[] body) throws MalformedMessageException {
            Header unread = new Header(null, new BitSet(), false, body.length);
            if (body.length < MTI_LENGTH + BITMAP_CHARS) {
                throw unread.malformed("truncated: shorter than MTI and primary bitmap");
            }
            String mti = new String(body, 0, MTI_LENGTH, StandardCharsets.ISO_8859_1);
            if (!mti.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw unread.malformed("MTI is not 4 ASCII digits");
            }
            if (!HostProfile.MTIS.contains(mti)) {
                throw unread.malformed("MTI " + mti + " is not a message of the host profile ("
                        + HostProfile.mtiList() + "); refused whatever its fields");
            }
            BitSet bits = new BitSet(129);
            Header primary = new Header(mti, bits, false, body.length);
            primary.readBitmap(body, MTI_LENGTH, 1);
            if (!bits.get(1)) {
                return primary;
            }
            if (body.length < MTI_LENGTH + 2 * BITMAP_CHARS) {
                throw primary.malformed("truncated: bit 1 announces a secondary bitmap that is missing");
            }
            Header both = new Header(mti, bits, true, body.length);
            both.readBitmap(body, MTI_LENGTH + BITMAP_CHARS, 65);
            return both;
        }

        private void readBitmap(byte[] body, int offset, int firstField) throws MalformedMessageException {
            for (int i = 0; i < BITMAP_CHARS; i++) {
                int c = body[offset + i] & 0xFF;
                int nibble = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (nibble < 0) {
                    throw malformed((firstField == 1 ? "primary" : "secondary")
                            + " bitmap is not 16 upper-case hex characters (offset " + (offset + i) + ")");
                }
                for (int bit = 0; bit < 4; bit++) {
                    bits.set(firstField + i * 4 + bit, (nibble & (8 >> bit)) != 0);
                }
            }
        }

        int[] fieldNumbers() {
            return bits.stream().filter(n -> n >= 2).toArray();
        }

        int width() {
            return MTI_LENGTH + BITMAP_CHARS * (secondaryBitmap ? 2 : 1);
        }

        MalformedMessageException malformed(String problem) {
            return new MalformedMessageException(Optional.ofNullable(mti), length, problem);
        }
    }
}
