package dev.posterm.core.journal;

import java.util.Optional;

/**
 * What a card payment adds to a payment ({@code card_details}, one row per card payment): filled in
 * as the flow goes, every part empty until its step. Card data only as the masked PAN (last four).
 *
 * @param stan          field 11 of the 0200 (or of the offline sale's advice)
 * @param transmittedAt field 7 of the 0200 (MMDDhhmmss, UTC), once it may have left
 * @param localTime     when the sale happened, local (fields 12/13)
 * @param responseCode  field 39 from the host, or the terminal's own (Y1, Y3, Z3) for an offline decision
 * @param authCode      field 38, or the terminal's own for an offline approval
 * @param entryMode     CHIP, CONTACTLESS, MAGSTRIPE, FALLBACK_SWIPE
 */
public record CardDetails(Optional<Integer> stan, Optional<String> transmittedAt, Optional<String> localTime,
                          Optional<String> responseCode, Optional<String> authCode, Optional<String> rrn,
                          Optional<String> maskedPan, Optional<String> entryMode, Optional<String> aid,
                          Optional<String> appLabel) {

    /** A card payment whose card has not been read yet. */
    public static CardDetails none() {
        return new CardDetails(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The reader's account of the card. */
    CardDetails read(String maskedPan, String entryMode, Optional<String> aid, Optional<String> appLabel) {
        return new CardDetails(stan, transmittedAt, localTime, responseCode, authCode, rrn, Optional.of(maskedPan),
                Optional.of(entryMode), aid, appLabel);
    }

    /** The 0200 is about to leave with this STAN and field 7. */
    CardDetails online(int stan, String transmittedAt, String localTime) {
        return new CardDetails(Optional.of(stan), Optional.of(transmittedAt), Optional.of(localTime), responseCode,
                authCode, rrn, maskedPan, entryMode, aid, appLabel);
    }

    /** The terminal approved offline with its own auth code (its first two characters are the response code). */
    CardDetails offline(int stan, String localTime, String authCode) {
        return new CardDetails(Optional.of(stan), transmittedAt, Optional.of(localTime),
                Optional.of(authCode.substring(0, 2)), Optional.of(authCode), rrn, maskedPan, entryMode, aid, appLabel);
    }

    CardDetails answered(String responseCode, Optional<String> authCode, Optional<String> rrn) {
        return new CardDetails(stan, transmittedAt, localTime, Optional.of(responseCode), authCode, rrn, maskedPan,
                entryMode, aid, appLabel);
    }

    CardDetails respondedWith(Optional<String> responseCode) {
        return responseCode.isEmpty() ? this : new CardDetails(stan, transmittedAt, localTime, responseCode, authCode,
                rrn, maskedPan, entryMode, aid, appLabel);
    }
}
