package dev.posterm.drivers.reader;

import java.util.List;
import java.util.Optional;

/**
 * The {@code C} frame: a card was read and the first GENERATE AC is done.
 *
 * @param pan              5A (absent only if the reader sent none; then track 2 carries it)
 * @param expiry           5F24
 * @param track2           57
 * @param panSequence      5F34 as a number, if present
 * @param cid              9F27: what the card asks for
 * @param entryMode        DF40
 * @param aid              84 as upper-case hex, if present
 * @param applicationLabel 50 as text, if present
 * @param iccData          every other EMV tag of the frame, in frame order (9F26, 9F10, 9F36,
 *                         9F37, 95, 9B, 82, 84, 9F34, 9F27 ...): the source of ISO 8583 field 55
 */
public record CardRead(Optional<Pan> pan, Optional<Expiry> expiry, Optional<Track2> track2,
                       Optional<Integer> panSequence, Cid cid, EntryMode entryMode,
                       Optional<String> aid, Optional<String> applicationLabel,
                       List<Tlv> iccData) implements StartOutcome {
    public CardRead {
        iccData = List.copyOf(iccData);
    }
}
