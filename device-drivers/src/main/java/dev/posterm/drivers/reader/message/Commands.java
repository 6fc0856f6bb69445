package dev.posterm.drivers.reader.message;

import dev.posterm.drivers.reader.Authorisation;
import dev.posterm.drivers.reader.StartTransaction;
import dev.posterm.drivers.reader.tlv.BerTlv;
import dev.posterm.drivers.reader.tlv.DataObject;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the controller's messages (spec: "Messages, controller -> reader").
 *
 * <pre>
 * S  9F02 06 amount n12 BCD | 5F2A 02 currency n3 BCD | 9C 01 type | 9A 03 YYMMDD | 9F21 03 HHMMSS
 *    DF10 01 timeout s | DF11 01 online capable (01/00)
 * A  DF20 01 decision | 8A 02 response code (ASCII) | [89 auth code ASCII] | [91 issuer auth data]
 * D  DF30 line 1 UTF-8 | DF31 line 2 UTF-8 | DF32 01 seconds
 * P, X  empty
 * </pre>
 */
public final class Commands {
    private Commands() {
    }

    public static Command ping() {
        return new Command('P', new byte[0]);
    }

    public static Command cancel() {
        return new Command('X', new byte[0]);
    }

    public static Command start(StartTransaction s) {
        LocalDateTime t = s.localTime();
        List<DataObject> tlvs = List.of(
                new DataObject(0x9F02, Bcd.numeric(s.amountMinor(), 6)),
                new DataObject(0x5F2A, Bcd.numeric(s.currencyNumeric(), 2)),
                new DataObject(0x9C, new byte[] {(byte) s.type().code()}),
                new DataObject(0x9A, Bcd.numeric(sixDigits(t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth()), 3)),
                new DataObject(0x9F21, Bcd.numeric(sixDigits(t.getHour(), t.getMinute(), t.getSecond()), 3)),
                new DataObject(0xDF10, new byte[] {(byte) s.timeoutSeconds()}),
                new DataObject(0xDF11, new byte[] {(byte) (s.onlineCapable() ? 0x01 : 0x00)}));
        return new Command('S', BerTlv.encode(tlvs));
    }

    public static Command authorisation(Authorisation a) {
        List<DataObject> tlvs = new ArrayList<>();
        tlvs.add(new DataObject(0xDF20, new byte[] {(byte) a.decision().code()}));
        tlvs.add(new DataObject(0x8A, a.responseCode().getBytes(StandardCharsets.US_ASCII)));
        a.authCode().ifPresent(code -> tlvs.add(new DataObject(0x89, code.getBytes(StandardCharsets.US_ASCII))));
        a.issuerAuthData().ifPresent(data -> tlvs.add(new DataObject(0x91, data)));
        return new Command('A', BerTlv.encode(tlvs));
    }

    /** @throws IllegalArgumentException if {@code seconds} is not 0..255 */
    public static Command display(String line1, String line2, int seconds) {
        if (seconds < 0 || seconds > 255) {
            throw new IllegalArgumentException("display seconds must be 0..255, was " + seconds);
        }
        List<DataObject> tlvs = List.of(
                new DataObject(0xDF30, line1.getBytes(StandardCharsets.UTF_8)),
                new DataObject(0xDF31, line2.getBytes(StandardCharsets.UTF_8)),
                new DataObject(0xDF32, new byte[] {(byte) seconds}));
        return new Command('D', BerTlv.encode(tlvs));
    }

    private static long sixDigits(int a, int b, int c) {
        return a * 10_000L + b * 100L + c;
    }
}
