package dev.posterm.simulator.acquirer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The host's books, for tests to compare with the controller's journal: transactions by
 * (terminal id, STAN, field 7), requests received by MTI (repeats and duplicates included),
 * and settlements. Thread-safe.
 */
public final class Ledger {
    record Key(String terminalId, String stan, String transmissionTime) {
    }

    private final Map<Key, LedgerEntry> entries = new LinkedHashMap<>();
    /** Approved voids and the sale each one voided, so reversing a void restores its sale. */
    private final Map<Key, Key> voids = new LinkedHashMap<>();
    /** Approved refunds and the sale each one refunds, so a sale's refunds never add up to more than it. */
    private final Map<Key, Key> refunds = new LinkedHashMap<>();
    private final Map<String, Integer> received = new TreeMap<>();
    private final List<Settlement> settlements = new ArrayList<>();
    /** Batches closed with 00, by terminal id and batch number, with the totals they closed on. */
    private final Map<String, Map<String, Totals>> closed = new LinkedHashMap<>();

    /** Every transaction, in the order the host first saw them. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries.values());
    }

    public synchronized Optional<LedgerEntry> entry(String terminalId, String stan, String transmissionTime) {
        return Optional.ofNullable(entries.get(new Key(terminalId, stan, transmissionTime)));
    }

    /** Every entry with this terminal and STAN (a sale and its advice share the STAN). */
    public synchronized List<LedgerEntry> entries(String terminalId, String stan) {
        return entries.values().stream()
                .filter(e -> e.terminalId().equals(terminalId) && e.stan().equals(stan)).toList();
    }

    /** Requests received by MTI as sent (0200, 0221, 0401...), duplicates included. */
    public synchronized Map<String, Integer> messageCounts() {
        return Map.copyOf(received);
    }

    public synchronized int count(String mti) {
        return received.getOrDefault(mti, 0);
    }

    /** Every 0500 the host acted on (00 and 95 alike), in order; repeats answered again are not here. */
    public synchronized List<Settlement> settlements() {
        return List.copyOf(settlements);
    }

    synchronized void received(String mti) {
        received.merge(mti, 1, Integer::sum);
    }

    synchronized void put(LedgerEntry entry) {
        entries.put(key(entry), entry);
    }

    synchronized void markVoided(LedgerEntry theVoid, LedgerEntry sale) {
        put(sale.withState(LedgerEntry.State.VOIDED));
        voids.put(key(theVoid), key(sale));
    }

    synchronized void markRefund(LedgerEntry refund, LedgerEntry sale) {
        refunds.put(key(refund), key(sale));
    }

    /** What the sale's refunds still standing (approved, not reversed) add up to. */
    synchronized long refundedOf(LedgerEntry sale) {
        Key saleKey = key(sale);
        return refunds.entrySet().stream().filter(e -> e.getValue().equals(saleKey))
                .map(e -> entries.get(e.getKey())).filter(e -> e.state() == LedgerEntry.State.APPROVED)
                .mapToLong(LedgerEntry::amountMinor).sum();
    }

    /** Marks an entry reversed; a reversed void gives its sale back the state it had. */
    synchronized void reverse(LedgerEntry entry) {
        put(entry.withState(LedgerEntry.State.REVERSED));
        Key sale = voids.remove(key(entry));
        if (sale != null) {
            LedgerEntry s = entries.get(sale);
            put(s.withState(s.mti().equals("0220") ? LedgerEntry.State.ADVISED : LedgerEntry.State.APPROVED));
        }
    }

    private static Key key(LedgerEntry entry) {
        return new Key(entry.terminalId(), entry.stan(), entry.transmissionTime());
    }

    /** The latest entry of this terminal and STAN, preferring the exact field 7 when it matches. */
    synchronized Optional<LedgerEntry> original(String terminalId, String stan, String transmissionTime) {
        LedgerEntry exact = entries.get(new Key(terminalId, stan, transmissionTime));
        if (exact != null) {
            return Optional.of(exact);
        }
        return entries(terminalId, stan).stream().reduce((first, second) -> second);
    }

    synchronized Optional<LedgerEntry> byRrn(String terminalId, String rrn) {
        return entries.values().stream()
                .filter(e -> e.terminalId().equals(terminalId) && rrn.equals(e.rrn())).findFirst();
    }

    /** The totals of the terminal's open batch, as the host counts them. */
    synchronized Totals openTotals(String terminalId) {
        int sales = 0;
        long saleAmount = 0;
        int refunds = 0;
        long refundAmount = 0;
        for (LedgerEntry e : entries.values()) {
            if (!e.terminalId().equals(terminalId) || e.settled()) {
                continue;
            }
            if (e.isSale()) {
                sales++;
                saleAmount += e.amountMinor();
            } else if (e.isRefund()) {
                refunds++;
                refundAmount += e.amountMinor();
            }
        }
        return new Totals(sales, saleAmount, refunds, refundAmount);
    }

    /**
     * Compares the terminal's totals with the host's for its open batch; on agreement (00) closes it:
     * its entries no longer count, the next batch starts empty. On 95 nothing changes.
     */
    synchronized Settlement reconcile(String terminalId, String batchNumber, Totals reported) {
        Totals own = openTotals(terminalId);
        boolean agree = own.equals(reported);
        Settlement settlement = new Settlement(terminalId, batchNumber, reported, own, agree ? "00" : "95");
        settlements.add(settlement);
        if (agree) {
            entries.replaceAll((key, e) -> e.terminalId().equals(terminalId) ? e.settle() : e);
            closed.computeIfAbsent(terminalId, t -> new LinkedHashMap<>()).put(batchNumber, own);
        }
        return settlement;
    }

    /** The totals a batch of this terminal was closed with, if the host closed it. */
    synchronized Optional<Totals> closedBatch(String terminalId, String batchNumber) {
        return Optional.ofNullable(closed.getOrDefault(terminalId, Map.of()).get(batchNumber));
    }
}
