package dev.posterm.core.report;

import dev.posterm.core.batch.ShiftRows;
import dev.posterm.core.settlement.BatchTotals;
import dev.posterm.core.settlement.SettlementRow;
import dev.posterm.core.settlement.SettlementRow.HostStatus;
import dev.posterm.core.settlement.SettlementRow.Method;
import dev.posterm.core.settlement.SettlementRow.State;
import dev.posterm.core.settlement.SettlementRow.Type;
import dev.posterm.core.settlement.Tally;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an X report (the open batch so far) or a Z report (a batch at its close) says: the settlement
 * file's totals by its definitions ({@link BatchTotals}: sales by method, refunds, voids, offline
 * advised, declined after forwarding, carried over), and the sales split by card brand and by wallet
 * the same way (a brand's or wallet's sales add up to the CARD or QR sales).
 */
public record ShiftReport(Kind kind, int batch, Instant openedAt, Optional<Instant> closedAt, Instant printedAt,
                          BatchTotals totals, Map<String, Tally> byBrand, Map<String, Tally> byWallet) {

    public enum Kind { X, Z }

    public ShiftReport {
        byBrand = Map.copyOf(byBrand);
        byWallet = Map.copyOf(byWallet);
    }

    static ShiftReport of(Kind kind, ShiftRows shift, Instant now) {
        BatchTotals.Counter counter = new BatchTotals.Counter();
        Map<String, Tally> brands = new TreeMap<>();
        Map<String, Tally> wallets = new TreeMap<>();
        for (ShiftRows.Entry e : shift.entries()) {
            SettlementRow r = e.row();
            counter.add(r.type(), r.method(), r.state(), r.hostStatus(), r.amount());
            if (isSale(r) && r.method() == Method.CARD) {
                brands.merge(CardBrand.of(e.aid(), e.appLabel()), new Tally(1, r.amount()), ShiftReport::sum);
            } else if (isSale(r) && r.method() == Method.QR) {
                wallets.merge(r.wallet().name(), new Tally(1, r.amount()), ShiftReport::sum);
            }
        }
        return new ShiftReport(kind, shift.batch(), shift.openedAt(), shift.closedAt(), now, counter.totals(), brands,
                wallets);
    }

    /** A sale as {@link BatchTotals} counts one (settlement-file.md's "sales"). */
    private static boolean isSale(SettlementRow r) {
        boolean money = r.state() == State.APPROVED || r.state() == State.APPROVED_OFFLINE || r.state() == State.REFUNDED;
        return r.type() == Type.SALE && money && r.hostStatus() != HostStatus.CARRIED_OVER
                && r.hostStatus() != HostStatus.DECLINED_AFTER_FORWARDING;
    }

    private static Tally sum(Tally a, Tally b) {
        return new Tally(a.count() + b.count(), Math.addExact(a.amount(), b.amount()));
    }
}
