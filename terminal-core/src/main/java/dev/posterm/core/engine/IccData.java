package dev.posterm.core.engine;

import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.Tlv;
import dev.posterm.drivers.reader.message.SensitiveTags;
import dev.posterm.drivers.reader.tlv.BerTlv;
import dev.posterm.drivers.reader.tlv.DataObject;
import dev.posterm.drivers.reader.tlv.TlvException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;

/**
 * Field 55: the EMV data the issuer needs to check the ARQC, as upper-case hex TLVs. The card's
 * tags from the {@code C} frame plus the terminal's own that went into the cryptogram
 * (9F02 amount, 5F2A currency, 9A date, 9C type). Never card data: the reader driver does not
 * hand out the sensitive tags ({@link SensitiveTags}, templates holding them included) as TLVs,
 * and this class would not pass them on. Lengths are BER-TLV (EMV Book 3 Annex B): short form up
 * to 127 bytes, long form (81 xx, 82 xx xx) above.
 */
final class IccData {
    /** Ours or the reader's, not the card's: the label is text for the cashier, DF40 the reader's entry mode. */
    private static final Set<Integer> NOT_FOR_THE_ISSUER = Set.of(0x50, 0xDF40);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private IccData() {
    }

    static String field55(CardRead card, long amount, int currencyNumeric, LocalDateTime local) {
        if (card.entryMode() == EntryMode.MAGSTRIPE || card.entryMode() == EntryMode.FALLBACK_SWIPE
                || card.iccData().isEmpty()) {
            // A swipe carries no chip data (card-reader-link.md, flow 5): its 9F27 80 is the reader's
            // formality, and a 55 would make a host look for a cryptogram that is not there.
            return "";
        }
        StringBuilder hex = new StringBuilder();
        for (Tlv t : card.iccData()) {
            if (!NOT_FOR_THE_ISSUER.contains(t.tag()) && !SensitiveTags.holdsCardData(t.tag(), t.value())) {
                hex.append(tlv(t.tag(), t.value()));
            }
        }
        hex.append(tlv(0x9F02, HexFormat.of().parseHex(String.format("%012d", amount))));
        hex.append(tlv(0x5F2A, HexFormat.of().parseHex(String.format("%04d", currencyNumeric))));
        hex.append(tlv(0x9A, HexFormat.of().parseHex(YYMMDD.format(local))));
        hex.append(tlv(0x9C, new byte[] {0x00}));
        return hex.toString();
    }

    private static String tlv(int tag, byte[] value) {
        return HexFormat.of().withUpperCase().formatHex(BerTlv.encode(java.util.List.of(new DataObject(tag, value))));
    }

    /**
     * Issuer authentication data (tag 91) from a 0210's field 55, if it has one. Lenient by design:
     * field 55 of an answer is advisory, so a malformed one yields nothing and never fails the sale.
     */
    static java.util.Optional<byte[]> issuerAuthData(String field55) {
        try {
            return BerTlv.decode(HexFormat.of().parseHex(field55)).stream().filter(t -> t.tag() == 0x91)
                    .findFirst().map(DataObject::value);
        } catch (TlvException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
