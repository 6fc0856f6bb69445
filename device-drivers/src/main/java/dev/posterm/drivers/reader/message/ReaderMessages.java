package dev.posterm.drivers.reader.message;

import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.Expiry;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import dev.posterm.drivers.reader.ReaderInfo;
import dev.posterm.drivers.reader.Track2;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decodes the reader's messages (spec: "Messages, reader -> controller").
 *
 * <pre>
 * p  DF01 firmware (ASCII) | DF02 serial number (ASCII) | DF03 state (00 idle, 01 in transaction)
 * C  5A PAN cn | 5F24 expiry YYMMDD | 57 track 2 | 5F34 PAN seq n2 | 9F27 CID | DF40 entry mode
 *    84 AID | 50 label | 9F26 9F10 9F36 9F37 95 9B 82 9F34 ... (kept as iccData)
 * F  9F27 CID | 9F26 | 8A | 95 | 9B ...
 * E  DF50 error code
 * </pre>
 * Sensitive tags ({@link SensitiveTags}: 5A, 57, 5F24, 5F20, 9F1F, 56, 9F20, 9F6B, and templates
 * holding any of them) become {@link Pan}, {@link Track2}, {@link Expiry} or are dropped; every
 * other tag goes to {@code iccData} in frame order. Decision where the spec is
 * silent: 9F27 and DF40 are required in {@code C}, 9F27 in {@code F}; the first of a repeated tag wins.
 */
public final class ReaderMessages {
    private ReaderMessages() {
    }

    public static ReaderMessage decode(char type, byte[] body) throws MalformedMessageException {
        Fields f = Fields.of(type, body);
        return switch (type) {
            case 'p' -> new ReaderMessage.Pong(pong(f));
            case 'C' -> new ReaderMessage.Card(cardRead(f));
            case 'F' -> new ReaderMessage.Final(new CardFinal(cid(f), f.iccData()));
            case 'E' -> new ReaderMessage.Error(error(f));
            default -> throw new MalformedMessageException("unknown message type 0x"
                    + Integer.toHexString(type) + " from the reader");
        };
    }

    private static ReaderInfo pong(Fields f) throws MalformedMessageException {
        String firmware = f.find(0xDF01).map(ReaderMessages::ascii).orElse("");
        String serial = f.find(0xDF02).map(ReaderMessages::ascii).orElse("");
        int state = f.singleByte(0xDF03).orElse(0);
        return new ReaderInfo(firmware, serial, state == 0x01);
    }

    private static CardRead cardRead(Fields f) throws MalformedMessageException {
        Optional<Pan> pan = Optional.empty();
        if (f.find(0x5A).isPresent()) {
            String digits = Bcd.nibbles(f.find(0x5A).get(), (char) 0);
            pan = Optional.of(f.typed("5A", () -> Pan.of(digits)));
        }
        Optional<Track2> track2 = Optional.empty();
        if (f.find(0x57).isPresent()) {
            String text = Bcd.nibbles(f.find(0x57).get(), 'D');
            track2 = Optional.of(f.typed("57", () -> Track2.of(text)));
        }
        Optional<Expiry> expiry = Optional.empty();
        if (f.find(0x5F24).isPresent()) {
            String yymmdd = Bcd.digits(f.find(0x5F24).get());
            expiry = Optional.of(f.typed("5F24", () -> Expiry.ofYymmdd(yymmdd)));
        }
        return new CardRead(pan, expiry, track2, panSequence(f), cid(f), entryMode(f),
                f.find(0x84).map(v -> HexFormat.of().withUpperCase().formatHex(v)),
                f.find(0x50).map(ReaderMessages::ascii), f.iccData());
    }

    private static Optional<Integer> panSequence(Fields f) throws MalformedMessageException {
        Optional<byte[]> raw = f.find(0x5F34);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String digits = Bcd.digits(raw.get());
        return Optional.of(f.typed("5F34", () -> Integer.parseInt(digits)));
    }

    private static Cid cid(Fields f) throws MalformedMessageException {
        int value = f.singleByte(0x9F27).orElseThrow(() -> f.missing("9F27"));
        return f.typed("9F27", () -> Cid.fromByte(value));
    }

    private static EntryMode entryMode(Fields f) throws MalformedMessageException {
        int value = f.singleByte(0xDF40).orElseThrow(() -> f.missing("DF40"));
        return f.typed("DF40", () -> EntryMode.fromCode(value));
    }

    private static ReaderError error(Fields f) throws MalformedMessageException {
        int code = f.singleByte(0xDF50).orElseThrow(() -> f.missing("DF50"));
        return new ReaderError(ReaderErrorCode.fromCode(code), code);
    }

    private static String ascii(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII);
    }
}
