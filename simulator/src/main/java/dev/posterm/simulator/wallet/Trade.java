package dev.posterm.simulator.wallet;

import java.time.Instant;
import java.util.List;

/**
 * One trade in the simulated gateway's books, as a test reads it.
 *
 * @param refunded    minor units refunded so far (by refund calls)
 * @param returned    minor units given back by a reverse of a paid trade
 * @param reverses    when each reverse call arrived, answered or not
 */
public record Trade(String outTradeNo, String wallet, long amount, String currency, String state, String tradeNo,
                    Instant payReceivedAt, int queries, long refunded, long returned, List<Instant> reverses) {

    /** The money the customer has paid and not got back. */
    public long held() {
        return state.equals("SUCCESS") || state.equals("REFUND") ? amount - refunded : 0;
    }
}
