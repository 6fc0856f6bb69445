package dev.posterm.core.settlement;

import dev.posterm.core.settlement.SettlementRow.HostStatus;
import dev.posterm.core.settlement.SettlementRow.Method;
import dev.posterm.core.settlement.SettlementRow.State;
import dev.posterm.core.settlement.SettlementRow.Type;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest's totals, by settlement-file.md's definitions:
 * <ul>
 * <li>sales: SALE rows in state APPROVED, APPROVED_OFFLINE or REFUNDED (a refund is counted as a
 *     refund, not by taking the sale away) whose host status is not CARRIED_OVER or
 *     DECLINED_AFTER_FORWARDING; a voided sale is VOIDED and so not among them; byMethod splits them;
 * <li>refunds, voids: REFUND and VOID rows in state APPROVED;
 * <li>offlineAdvised, declinedAfterForwarding, carriedOver: SALE rows with that host status, any state.
 * </ul>
 * Field 63 of the 0500 holds the CARD sales and the CARD refunds only (cash and QR are not the
 * acquirer's): {@link #cardField63()}.
 */
public record BatchTotals(Tally sales, Tally refunds, Tally voids, Map<Method, Tally> byMethod, Tally offlineAdvised,
                          Tally declinedAfterForwarding, Tally carriedOver, Tally cardRefunds) {

    /** Every total by its manifest name, in the manifest's order (byMethod as byMethod.CARD...). */
    public Map<String, Tally> named() {
        Map<String, Tally> all = new LinkedHashMap<>();
        all.put("sales", sales);
        all.put("refunds", refunds);
        all.put("voids", voids);
        for (Method m : Method.values()) {
            all.put("byMethod." + m, byMethod.get(m));
        }
        all.put("offlineAdvised", offlineAdvised);
        all.put("declinedAfterForwarding", declinedAfterForwarding);
        all.put("carriedOver", carriedOver);
        return all;
    }

    /**
     * Field 63 of the 0500: sale count n4, sale amount n12, refund count n4, refund amount n12. A
     * batch past 9,999 card sales or 12 digits of amount cannot be told in it: longer than 32 then.
     */
    public String cardField63() {
        Tally cardSales = byMethod.get(Method.CARD);
        return String.format("%04d%012d%04d%012d", cardSales.count(), cardSales.amount(), cardRefunds.count(),
                cardRefunds.amount());
    }

    /** Adds rows one at a time, so a file of any length is totalled without holding it. */
    public static final class Counter {
        private Tally sales = Tally.ZERO;
        private Tally refunds = Tally.ZERO;
        private Tally voids = Tally.ZERO;
        private final Map<Method, Tally> byMethod = new EnumMap<>(Method.class);
        private Tally offlineAdvised = Tally.ZERO;
        private Tally declinedAfterForwarding = Tally.ZERO;
        private Tally carriedOver = Tally.ZERO;
        private Tally cardRefunds = Tally.ZERO;

        public Counter() {
            for (Method m : Method.values()) {
                byMethod.put(m, Tally.ZERO);
            }
        }

        public void add(Type type, Method method, State state, HostStatus hostStatus, long amount) {
            switch (type) {
                case SALE -> sale(method, state, hostStatus, amount);
                case REFUND -> {
                    if (state == State.APPROVED) {
                        refunds = refunds.plus(amount);
                        if (method == Method.CARD) {
                            cardRefunds = cardRefunds.plus(amount);
                        }
                    }
                }
                case VOID -> {
                    if (state == State.APPROVED) {
                        voids = voids.plus(amount);
                    }
                }
            }
        }

        private void sale(Method method, State state, HostStatus hostStatus, long amount) {
            switch (hostStatus) {
                case ADVISED -> offlineAdvised = offlineAdvised.plus(amount);
                case DECLINED_AFTER_FORWARDING -> declinedAfterForwarding = declinedAfterForwarding.plus(amount);
                case CARRIED_OVER -> carriedOver = carriedOver.plus(amount);
                default -> { }
            }
            boolean money = state == State.APPROVED || state == State.APPROVED_OFFLINE || state == State.REFUNDED;
            boolean booked = hostStatus != HostStatus.CARRIED_OVER && hostStatus != HostStatus.DECLINED_AFTER_FORWARDING;
            if (money && booked) {
                sales = sales.plus(amount);
                byMethod.merge(method, Tally.ZERO.plus(amount), (a, b) -> new Tally(a.count() + 1,
                        Math.addExact(a.amount(), b.amount())));
            }
        }

        public BatchTotals totals() {
            return new BatchTotals(sales, refunds, voids, Map.copyOf(byMethod), offlineAdvised,
                    declinedAfterForwarding, carriedOver, cardRefunds);
        }
    }
}
