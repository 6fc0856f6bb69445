package dev.posterm.core.wallet;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/** What an answer says about a trade; every field optional, as in the spec. */
public record TradeDetails(Optional<String> tradeNo, Optional<Wallet> wallet, OptionalLong amount,
                           Optional<OffsetDateTime> paidAt) {

    public static TradeDetails none() {
        return new TradeDetails(Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }
}
