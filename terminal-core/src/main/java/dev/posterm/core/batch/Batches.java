package dev.posterm.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.BatchRow;
import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.saf.ReversalQueue;
import dev.posterm.core.saf.StoreAndForward;
import dev.posterm.core.settlement.BatchHeader;
import dev.posterm.core.settlement.BatchTotals;
import dev.posterm.core.settlement.HostVerdict;
import dev.posterm.core.settlement.SettlementRow;
import dev.posterm.core.settlement.SettlementWriter;
import dev.posterm.core.settlement.WriteOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The open batch and its close with the acquirer (host-link.md, "Voids, refunds and batch close").
 * <pre>
 * close: deliver reversals ─ forward advices ─ (refuse if any still wait, unless forced)
 *        ─ journal the 0500 (STAN, field 7, field 63) ─ 0500 ─┬ 00: files, then journal CLOSED + next opens
 *                                                              ├ 95: journal the answer, alert, stays open
 *                                                              └ no answer / unreachable: stays open
 * </pre>
 * Money first: the files are written before the journal says CLOSED, so a crash between leaves the
 * batch open; the next close repeats the same 0500 (same STAN and field 7, the host answers it again
 * without acting twice) and adopts the files already written.
 */
public final class Batches {
    private static final String CLOSE = "920000";

    private final Journal journal;
    private final HostLink host;
    private final ReversalQueue reversals;
    private final StoreAndForward saf;
    private final Alerts alerts;
    private final TerminalIdentity terminal;
    private final Clock clock;
    private final Duration timeout;
    private final Path settlements;
    private final EventHub events;
    private final List<java.util.function.Consumer<ShiftRows>> closedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public Batches(Journal journal, HostLink host, ReversalQueue reversals, StoreAndForward saf, Alerts alerts,
                   TerminalIdentity terminal, Clock clock, Duration timeout, Path settlements, EventHub events) {
        this.events = events;
        this.journal = journal;
        this.host = host;
        this.reversals = reversals;
        this.saf = saf;
        this.alerts = alerts;
        this.terminal = terminal;
        this.clock = clock;
        this.timeout = timeout;
        this.settlements = settlements;
    }

    /** The open batch: number, opened at, and its running totals as its settlement file would count them. */
    public record Current(int number, java.time.Instant openedAt, BatchTotals totals, String cardField63) {
    }

    /** The open batch's transactions so far, for the X report. */
    public ShiftRows openShift() {
        return journal.read(c -> {
            BatchRow open = BatchTable.open(c);
            return ShiftRows.of(open, Optional.empty(), BatchTable.members(c, open.number()));
        });
    }

    /**
     * Told of every batch closed, with its transactions as they were at the close (carried-over
     * sales included, which the journal moves to the next batch): the Z report prints from it.
     */
    public void onClosed(java.util.function.Consumer<ShiftRows> listener) {
        closedListeners.add(listener);
    }

    public Current current() {
        return journal.read(c -> {
            BatchRow open = BatchTable.open(c);
            BatchTotals totals = BatchRows.totals(BatchRows.rows(BatchTable.members(c, open.number())));
            return new Current(open.number(), open.openedAt(), totals, totals.cardField63());
        });
    }

    /** Closes the open batch; one close at a time. Every outcome is also a {@code batch} event. */
    public synchronized CloseOutcome close(boolean force) throws InterruptedException, IOException {
        CloseOutcome outcome = attempt(force);
        events.publish(switch (outcome) {
            case CloseOutcome.Closed c -> new TerminalEvent.BatchChanged(clock.instant(), c.batch(), "CLOSED",
                    c.responseCode(), c.csvName());
            case CloseOutcome.Differs d -> new TerminalEvent.BatchChanged(clock.instant(), d.batch(), "DIFFERS",
                    Optional.of(d.responseCode()), "terminal " + d.terminalTotals() + ", bank "
                    + d.hostTotals().orElse("none"));
            case CloseOutcome.NotNow n -> new TerminalEvent.BatchChanged(clock.instant(), n.batch(), "NOT_CLOSED",
                    Optional.empty(), n.reason());
        });
        return outcome;
    }

    private CloseOutcome attempt(boolean force) throws InterruptedException, IOException {
        reversals.deliverAll();
        saf.forwardNow();
        int pendingReversals = journal.read(c -> ReversalTable.summary(c, Integer.MAX_VALUE).pending());
        int waiting = journal.read(c -> AdviceTable.queue(c).count());
        BatchRow open = journal.read(BatchTable::open);
        if (pendingReversals > 0) {
            // A reversal undoes money at the host: closing before it lands would settle a sale the
            // customer was not charged for. Force does not override this.
            return new CloseOutcome.NotNow(open.number(), pendingReversals + " reversal(s) still wait for the bank");
        }
        if (waiting > 0 && !force) {
            return new CloseOutcome.NotNow(open.number(), waiting + " offline sale(s) still wait for the bank");
        }
        List<BatchTable.Member> members = journal.read(c -> BatchTable.members(c, open.number()));
        List<SettlementRow> rows = BatchRows.rows(members);
        String field63 = BatchRows.totals(rows).cardField63();
        BatchRow sent = journal.inTransaction(c -> BatchTable.closing(c, field63,
                HostMessages.transmissionTime(clock.instant())));
        HostReply reply = host.exchange(reconciliation(sent), timeout);
        return switch (reply) {
            case HostReply.Answered a -> answered(sent, members, a.response(), force);
            case HostReply.NoAnswer n -> force ? closed(sent, members, Optional.empty(), Optional.empty(), true)
                    : new CloseOutcome.NotNow(open.number(), "the bank did not answer the batch close in "
                    + n.waited().toSeconds() + " s; it is repeated with the same STAN at the next close");
            case HostReply.Unreachable u -> force ? closed(sent, members, Optional.empty(), Optional.empty(), true)
                    : new CloseOutcome.NotNow(open.number(), "the bank cannot be reached (" + u.reason() + ")");
        };
    }

    private IsoMessage reconciliation(BatchRow b) {
        Map<Integer, String> f = new LinkedHashMap<>();
        f.put(3, CLOSE);
        f.put(7, b.closeF7().orElseThrow());
        f.put(11, String.format("%06d", b.closeStan().orElseThrow()));
        f.put(41, terminal.terminalId());
        f.put(42, terminal.merchantId());
        f.put(60, String.format("%06d", b.number()));
        f.put(63, b.closeTotals().orElseThrow());
        return new IsoMessage("0500", f);
    }

    private CloseOutcome answered(BatchRow sent, List<BatchTable.Member> rows, IsoMessage answer, boolean force)
            throws IOException {
        String code = answer.field(39).orElse("");
        Optional<String> hostTotals = answer.field(63).filter(t -> t.matches("\\d{32}"));
        if ("00".equals(code)) {
            return closed(sent, rows, Optional.of(code), hostTotals, force);
        }
        journal.inTransaction(c -> {
            BatchTable.answered(c, code, hostTotals);
            return null;
        });
        String terminalTotals = sent.closeTotals().orElseThrow();
        Logger.warn("batch {}: the bank answered the close with {}: terminal totals {}, bank totals {}",
                String.format("%06d", sent.number()), code, terminalTotals, hostTotals.orElse("none"));
        if ("95".equals(code)) {
            alerts.raise(Alerts.Kind.BATCH_TOTALS_DIFFER, "batch " + String.format("%06d", sent.number())
                    + ": terminal " + terminalTotals + ", bank " + hostTotals.orElse("none"));
        }
        return new CloseOutcome.Differs(sent.number(), code, terminalTotals, hostTotals);
    }

    private CloseOutcome closed(BatchRow sent, List<BatchTable.Member> members, Optional<String> code,
                                Optional<String> hostTotals, boolean forced) throws IOException {
        List<SettlementRow> rows = BatchRows.rows(members);
        String chainStart = journal.read(c -> BatchTable.lastClosed(c).flatMap(BatchRow::chainHead))
                .orElse(SettlementWriter.FIRST_CHAIN_START);
        HostVerdict verdict = code.isPresent() ? HostVerdict.answered(code.get(), sent.closeTotals().orElseThrow(),
                hostTotals) : HostVerdict.forced(sent.closeTotals());
        BatchHeader header = new BatchHeader(terminal.terminalId(), terminal.merchantId(), sent.number(),
                sent.openedAt(), clock.instant(), terminal.currency(), verdict);
        Files.createDirectories(settlements);
        WriteOutcome written = SettlementWriter.write(settlements, header, chainStart, rows);
        String chainHead = switch (written) {
            case WriteOutcome.Written w -> w.chainHead();
            case WriteOutcome.AlreadyWritten a -> new ObjectMapper().readTree(a.manifest().toFile())
                    .path("chainHead").asText();
            case WriteOutcome.Conflict k -> throw new IOException("batch " + sent.number() + ": " + k.why());
        };
        List<String> carried = rows.stream().filter(BatchRows::carriedOver).map(SettlementRow::paymentId).toList();
        journal.inTransaction(c -> BatchTable.close(c, code, hostTotals, forced, header.csvName(), chainHead,
                carried, clock.instant()));
        alerts.clear(Alerts.Kind.BATCH_TOTALS_DIFFER);
        ShiftRows shift = ShiftRows.of(sent, Optional.of(header.closedAt()), members);
        for (var listener : closedListeners) {
            try {
                listener.accept(shift);
            } catch (RuntimeException e) {
                // The batch is closed and its files written: a report that fails changes nothing of that.
                Logger.error(e, "batch {}: a listener of the close failed", String.format("%06d", sent.number()));
            }
        }
        Logger.info("batch {} closed ({}): {} rows, {} carried over", String.format("%06d", sent.number()),
                code.map(x -> "bank " + x).orElse("forced, without the bank"), rows.size(), carried.size());
        return new CloseOutcome.Closed(sent.number(), BatchRows.totals(rows), code, sent.closeTotals().orElseThrow(),
                hostTotals, header.csvName(), header.manifestName(), carried.size());
    }
}
