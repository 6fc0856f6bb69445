package dev.posterm.drivers.reader;

import java.util.List;

/**
 * The {@code F} frame: the second GENERATE AC is done.
 *
 * @param cid      TC: the card approves; AAC: the card declines
 * @param iccData  9F26, 8A, 95, 9B and whatever else the reader sent, in frame order
 */
public record CardFinal(Cid cid, List<Tlv> iccData) implements FinalOutcome {
    public CardFinal {
        iccData = List.copyOf(iccData);
    }

    public boolean approved() {
        return cid == Cid.TC;
    }
}
