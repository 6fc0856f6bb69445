package dev.posterm.core.engine;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.alerts.PaidTwice;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.Counters;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.journal.Step;
import dev.posterm.core.payment.OfflineBehavior;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.Authorisation;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.CardReader;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.FinalOutcome;
import dev.posterm.drivers.reader.HostDecision;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderUnavailable;
import dev.posterm.drivers.reader.StartOutcome;
import dev.posterm.drivers.reader.StartTransaction;
import dev.posterm.drivers.reader.TransactionType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * One card sale, from the {@code S} frame to the slips, on the engine's card lane.
 *
 * <pre>
 *  S -> C(ARQC) -> [reversals owed?] -> journal ONLINE_SENT -> 0200 -> 0210 00 -> journal HOST_APPROVED
 *    -> A(01) -> F(TC) -> journal APPROVED + two slips
 *                F(AAC) / E -> journal reversal + REVERSED + decline slip
 *    0210 other -> journal HOST_DECLINED -> A(02) -> DECLINED + decline slip
 *    no 0210    -> journal reversal + HOST_NO_ANSWER -> A(04) -> FAILED + decline slip
 *  C(AAC) -> DECLINED by the card; C(TC) -> approved offline by the card
 *  anything else after ONLINE_SENT (a fault, an interrupt, the controller stopping): the outcome
 *    and the reversal in one commit ({@link #end})
 * </pre>
 *
 * Each journal write commits before the next external act (the 0200 leaving, the reader being
 * told, the slip printing), so recovery after a crash knows what the outside world may have seen.
 * Every ending goes through {@link #end}, which owns the rule of {@link Step#mayHoldHostApproval}.
 */
final class CardSale implements Runnable {
    /** How long the reader is given for its final answer ({@code F} after {@code A}). */
    static final Duration READER_FINAL = Duration.ofSeconds(30);

    private final PaymentEngine.Parts parts;
    private volatile PaymentRow row;
    private volatile boolean cancelRequested;
    private volatile boolean cardRead;
    private volatile boolean finished;
    /** The order lapsed at its pay-by time while this sale ran (see {@link #orderExpired}). */
    private volatile boolean orderExpired;
    /** Serialises the sale's commits with {@link #stop}, which may come from another thread. */
    private final Object commits = new Object();
    private boolean ended;   // guarded by commits

    private final OfflineBehavior behavior;

    CardSale(PaymentEngine.Parts parts, PaymentRow row, OfflineBehavior behavior) {
        this.parts = parts;
        this.row = row;
        this.behavior = behavior;
    }

    String paymentId() {
        return row.paymentId();
    }

    String orderId() {
        return row.orderId();
    }

    /** What {@link #end} did. */
    private enum Ending { ENDED, ALREADY_ENDED, CLAIM_LOST }

    /**
     * True once the outcome is being committed: the reader is done with this sale, so the lane is
     * free for the next one even before this thread has returned. Set before the commit so that a
     * register woken by the final state can start the next payment at once.
     */
    boolean finished() {
        return finished;
    }

    /**
     * The one way a sale ends: commits its outcome, and, when the 0200 may have left and the host
     * not declined it ({@link Step#mayHoldHostApproval}) and the outcome is not APPROVED, the
     * reversal in the same commit. Whatever ends the sale (a decline, a cancel, a fault, an
     * interrupt, the controller stopping) goes through here, so none can forget the reversal.
     * The first ending wins; a later one (the card lane finishing after {@link #stop}) changes nothing.
     *
     * @return false if the sale had already ended
     */
    private boolean end(PaymentState state, Optional<ErrorCode> why, Optional<String> rc, String detail,
                        Journal.Also also) {
        return end(state, why, rc, detail, c -> true, also) == Ending.ENDED;
    }

    /**
     * As above, committed only if {@code claim} holds in the same transaction: an approval claims
     * its order ({@link OrderTable#settle}). When the claim is lost nothing is written and the sale
     * has not ended: the caller ends it another way.
     */
    private Ending end(PaymentState state, Optional<ErrorCode> why, Optional<String> rc, String detail,
                       Journal.Work<Boolean> claim, Journal.Also also) {
        boolean reverse;
        synchronized (commits) {
            if (ended) {
                return Ending.ALREADY_ENDED;
            }
            finished = true;
            PaymentRow before = row;
            PaymentRow r = before.finish(state, why.map(Enum::name), rc, now());
            boolean owes = before.step().mayHoldHostApproval() && state != PaymentState.APPROVED;
            reverse = owes;
            if (!parts.orders().book().saveIf(claim, r, detail + (owes ? ": reversal queued" : ""), c -> {
                if (owes) {
                    ReversalTable.queue(c, before.stan().orElseThrow(), before.paymentId(),
                            "ended at " + before.step() + ": " + detail, "0200", transmittedAt(before), now());
                }
                also.run(c);
            })) {
                return Ending.CLAIM_LOST;
            }
            row = r;
            ended = true;
        }
        if (reverse) {
            parts.owed().reversals().nudge();
        }
        return Ending.ENDED;
    }

    /** Commits a step that is not the end; refused once the sale has ended (see {@link #stop}). */
    private void commit(PaymentRow r, String detail, Journal.Also also) {
        synchronized (commits) {
            if (ended) {
                throw new IllegalStateException("payment " + r.paymentId() + " already ended: " + detail
                        + " not journaled");
            }
            row = parts.orders().book().save(r, detail, also);
        }
    }

    /**
     * Ends the sale from outside the card lane, when the controller stops and the step in flight
     * has not finished within its grace: whatever the lane does afterwards is neither journaled nor
     * acted on. A tentative offline approval is discarded (the card's answer never came).
     *
     * @return the step it was ended at, or empty if it had ended already
     */
    Optional<Step> stop(String why) {
        Step at = row.step();
        PaymentState state = at == Step.HOST_DECLINED ? PaymentState.DECLINED
                : at == Step.HOST_APPROVED ? PaymentState.REVERSED : PaymentState.FAILED;
        boolean stopped = end(state, Optional.of(ErrorCode.TERMINAL_RESTARTED), Optional.empty(), why + " at " + at,
                c -> {
                    dev.posterm.core.journal.AdviceTable.discard(c, paymentId());
                    OrderTable.release(c, row.orderId(), now());
                });
        return stopped ? Optional.of(at) : Optional.empty();
    }

    Step step() {
        return row.step();
    }

    private boolean ended() {
        synchronized (commits) {
            return ended;
        }
    }

    /**
     * The order lapsed at its pay-by time: a sale still waiting for a card is cancelled on the
     * reader (X); one further on goes on, and an approval that comes is undone ({@link #approve}).
     */
    void orderExpired() {
        orderExpired = true;
        if (!cardRead) {
            cancelRequested = true;
            parts.lane().reader().cancel();
        }
    }

    /**
     * Whether the order has lapsed, by the journal: EXPIRED, or its pay-by time has come (the
     * timer may not have fired yet). No 0200 leaves, and no approval stands, for a lapsed order.
     */
    private boolean orderLapsed() {
        Instant now = now();
        return orderExpired || parts.orders().book().journal().read(c -> OrderTable.find(c, row.orderId()))
                .map(o -> o.state() == OrderState.EXPIRED || !now.isBefore(o.payBy())).orElse(false);
    }

    /** @return false if the card has been read already (too late to cancel) */
    boolean cancel() {
        if (cardRead) {
            return false;
        }
        cancelRequested = true;
        parts.lane().reader().cancel();
        return true;
    }

    @Override
    public void run() {
        try {
            collectCard();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(ErrorCode.TERMINAL_RESTARTED, "interrupted: the controller is stopping");
        } catch (RuntimeException e) {
            if (!ended()) {
                Logger.error(e, "card sale {} failed", row.paymentId());
            }
            fail(ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName());
        }
    }

    private void collectCard() throws InterruptedException {
        LocalDateTime local = LocalDateTime.now(parts.orders().clock().withZone(parts.orders().terminal().zone()));
        StartTransaction s = new StartTransaction(row.amount().amount(), parts.orders().terminal().currencyNumeric(),
                TransactionType.PURCHASE, local, parts.lane().cardWaitSeconds(), !offlineNow());
        StartOutcome outcome = parts.lane().reader().start(s, java.time.Duration.ofSeconds(parts.lane().cardWaitSeconds() + 15L));
        switch (outcome) {
            case ReaderError e -> fail(orderExpired ? ErrorCode.ORDER_EXPIRED : ReaderErrors.toErrorCode(e.code()),
                    "reader: " + e.code() + (orderExpired ? ", cancelled on the reader as the order expired" : ""));
            case ReaderUnavailable u -> {
                parts.alerts().raise(Alerts.Kind.READER_UNAVAILABLE, u.reason());
                fail(ErrorCode.READER_UNAVAILABLE, u.reason());
            }
            case CardRead card -> {
                parts.alerts().clear(Alerts.Kind.READER_UNAVAILABLE);
                cardRead = true;
                onCard(card, local);
            }
        }
    }

    private void onCard(CardRead card, LocalDateTime local) throws InterruptedException {
        String masked = card.pan().map(p -> p.maskedLast4())
                .or(() -> card.track2().map(t -> lastFourOfTrack2(t.unsafeText()))).orElse("****");
        commit(row.withCard(masked, card.entryMode().name(), card.aid(), card.applicationLabel(), now()),
                "card " + masked + " " + card.entryMode() + " " + card.cid(), Journal.Also.nothing());
        boolean lapsed = orderLapsed();
        if (cancelRequested || lapsed) {
            if (card.cid() == Cid.ARQC) {
                // Only an ARQC leaves the reader waiting for an A; after a TC or an AAC it expects nothing.
                tellReader(HostDecision.TERMINAL_DECLINES_OFFLINE, "Z1", Optional.empty(), Optional.empty());
            }
            if (lapsed) {
                fail(ErrorCode.ORDER_EXPIRED, "the order expired before the card was used");
            } else {
                fail(ErrorCode.CANCELLED, "cancelled by the cash register");
            }
            return;
        }
        switch (card.cid()) {
            case AAC -> decline(ErrorCode.CARD_DECLINED, "Z1", "declined by the card (AAC)");
            case TC -> new OfflineSale(parts, this).decide(card, local, true);
            case ARQC -> {
                if (offlineNow()) {
                    new OfflineSale(parts, this).decide(card, local, false);
                } else {
                    goOnline(card, local);
                }
            }
        }
    }

    private void goOnline(CardRead card, LocalDateTime local) throws InterruptedException {
        if (!parts.owed().reversals().deliverAll()) {
            // No new 0200 while a reversal is owed: the host is as good as unreachable for this sale.
            new OfflineSale(parts, this).decide(card, local, false);
            return;
        }
        if (orderLapsed()) {
            tellReader(HostDecision.TERMINAL_DECLINES_OFFLINE, "Z1", Optional.empty(), Optional.empty());
            fail(ErrorCode.ORDER_EXPIRED, "the order expired before the 0200 left");
            return;
        }
        String f7 = HostMessages.transmissionTime(now());
        int stan = parts.orders().book().journal().inTransaction(Counters::nextStan);
        commit(row.withOnline(stan, f7, local.toString(), now()), "0200 STAN " + stan, Journal.Also.nothing());
        String icc = IccData.field55(card, row.amount().amount(), parts.orders().terminal().currencyNumeric(), local);
        IsoMessage request = parts.lane().messages().purchase(row.amount().amount(), stan, f7, local, card, icc);
        HostReply reply = parts.lane().host().exchange(request, parts.lane().hostTimeout());
        parts.offline().link().report(reply);
        switch (reply) {
            case HostReply.Answered a -> onAnswer(a.response());
            case HostReply.NoAnswer n -> {
                onNoAnswer(n);
                new OfflineSale(parts, this).decide(card, local, false);
            }
            case HostReply.Unreachable u -> {
                // Nothing was written: the host holds nothing to reverse. Back to CARD_READ says so.
                commit(row.withStep(Step.CARD_READ, now()), "0200 never left: " + u, Journal.Also.nothing());
                new OfflineSale(parts, this).decide(card, local, false);
            }
        }
    }

    private void onAnswer(IsoMessage response) throws InterruptedException {
        String rc = response.field(39).orElse("96");
        Optional<String> auth = response.field(38).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> rrn = response.field(37).map(String::strip).filter(s -> !s.isEmpty());
        Optional<byte[]> issuerData = response.field(55).flatMap(IccData::issuerAuthData);
        if (!"00".equals(rc)) {
            commit(row.withHostAnswer(Step.HOST_DECLINED, rc, auth, rrn, now()), "0210 " + rc, Journal.Also.nothing());
            tellReader(HostDecision.HOST_DECLINED, rc, Optional.empty(), issuerData);
            // The history keeps the real reason, even one the customer is not told (lost or stolen card).
            decline(ErrorCode.HOST_DECLINED, rc, "declined by the host: " + rc + dev.posterm.core.errors.HostResponse.of(rc)
                    .map(r -> " (" + r.message().english() + ")").orElse(""));
            return;
        }
        commit(row.withHostAnswer(Step.HOST_APPROVED, rc, auth, rrn, now()), "0210 00", Journal.Also.nothing());
        if (orderLapsed()) {
            // The approval came after the deadline: abort on the reader (X) and reverse it now.
            parts.lane().reader().cancel();
            undoLateApproval("the host approved after the order's pay-by time", Journal.Also.nothing());
            return;
        }
        FinalOutcome last = tellReader(HostDecision.HOST_APPROVED, rc, auth, issuerData);
        if (last instanceof CardFinal f && f.approved()) {
            approve();
        } else {
            reverse(last);
        }
    }

    private void onNoAnswer(HostReply.NoAnswer n) throws InterruptedException {
        PaymentRow r = row;
        commit(r.withStep(Step.HOST_NO_ANSWER, now()), "no 0210 within " + n.waited().toMillis()
                + " ms: reversal queued", c -> ReversalTable.queue(c, r.stan().orElseThrow(), r.paymentId(),
                "no response in time", "0200", transmittedAt(r), now()));
        parts.owed().reversals().nudge();
    }

    /** The host approved but the card did not take it: the approval must be undone at the host. */
    private void reverse(FinalOutcome last) {
        ErrorCode why = switch (last) {
            case CardFinal f -> ErrorCode.CARD_DECLINED;
            case ReaderError e -> ReaderErrors.toErrorCode(e.code());
            case ReaderUnavailable u -> ErrorCode.READER_UNAVAILABLE;
        };
        PaymentRow r = row;
        end(PaymentState.REVERSED, Optional.of(why), Optional.empty(), "card did not complete after host approval (" + why + ")",
                c -> {
                    ReceiptTable.queue(c, r.paymentId(), "DECLINE", now());
                    OrderTable.release(c, r.orderId(), now());
                });
        parts.owed().slips().nudge();
    }

    /**
     * The approval stands only if its commit finds the order PAYING before its pay-by time
     * ({@link OrderTable#settle}); else the expiry won and the approval is undone at once.
     */
    private void approve() {
        PaymentRow r = row;
        Ending e = end(PaymentState.APPROVED, Optional.empty(), Optional.empty(), "approved",
                c -> OrderTable.settle(c, r.orderId(), now()), c -> {
                    ReceiptTable.queue(c, r.paymentId(), "MERCHANT", now());
                    ReceiptTable.queue(c, r.paymentId(), "CUSTOMER", now());
                });
        if (e == Ending.CLAIM_LOST) {
            if (paidAnotherWay()) {
                undoSecondSuccess();
                return;
            }
            undoLateApproval("the card approved after the order's pay-by time", Journal.Also.nothing());
            return;
        }
        parts.owed().slips().nudge();
    }

    private boolean paidAnotherWay() {
        return parts.orders().book().journal().read(c -> OrderTable.find(c, row.orderId()))
                .filter(o -> o.state() == OrderState.PAID).isPresent();
    }

    /**
     * The order was paid another way while the host approved this card: the approval is reversed
     * (in the same commit, {@link #end}), one slip says not charged, and SECOND_SUCCESS_UNDONE says so.
     */
    private void undoSecondSuccess() {
        PaymentRow r = row;
        Logger.warn("payment {}: approved while order {} was paid another way: reversed", r.paymentId(), r.orderId());
        end(PaymentState.REVERSED, Optional.of(ErrorCode.ORDER_NOT_PAYABLE), Optional.empty(),
                "the host approved while the order was paid another way", c ->
                        ReceiptTable.queue(c, r.paymentId(), "DECLINE", now()));
        parts.owed().slips().nudge();
        PaidTwice.undone(parts.alerts(), r.orderId(), r.paymentId(), "CARD", r.amount().amount(),
                r.amount().currency(), "reversed at the host: the customer is not charged for it");
    }

    /**
     * Ends an approval that lost to the order's expiry: REVERSED, with its reversal in the same
     * commit when the host approved ({@link #end}), one slip saying not charged, the order EXPIRED.
     */
    private void undoLateApproval(String detail, Journal.Also also) {
        PaymentRow r = row;
        Logger.warn("payment {}: {}: undone", r.paymentId(), detail);
        end(PaymentState.REVERSED, Optional.of(ErrorCode.ORDER_EXPIRED), Optional.empty(), detail, c -> {
            also.run(c);
            ReceiptTable.queue(c, r.paymentId(), "DECLINE", now());
            OrderTable.release(c, r.orderId(), now());
        });
        parts.owed().slips().nudge();
    }

    /** Whether this sale should not try the host: the register forced offline, or the link is known down. */
    private boolean offlineNow() {
        return behavior == OfflineBehavior.FORCE_OFFLINE
                || parts.offline().link().knownDown();
    }

    OfflineBehavior behavior() {
        return behavior;
    }

    PaymentRow row() {
        return row;
    }

    /** Commits a step of the offline flow (not final). */
    void step(PaymentRow r, String detail, Journal.Also also) {
        commit(r, detail, also);
    }

    /** Commits the offline approval as the outcome, with its slips. */
    void approvedOffline(String detail, Journal.Also also) {
        PaymentRow r = row;
        Ending e = end(PaymentState.APPROVED_OFFLINE, Optional.empty(), Optional.empty(), detail,
                c -> OrderTable.settle(c, r.orderId(), now()), c -> {
                    also.run(c);
                    ReceiptTable.queue(c, r.paymentId(), "MERCHANT", now());
                    ReceiptTable.queue(c, r.paymentId(), "CUSTOMER", now());
                });
        if (e == Ending.CLAIM_LOST) {
            // Never advised: the card's TC is not presented to anyone, so nothing is charged.
            undoLateApproval("approved offline after the order's pay-by time",
                    c -> dev.posterm.core.journal.AdviceTable.discard(c, r.paymentId()));
            return;
        }
        parts.owed().slips().nudge();
    }

    /** Ends the sale unpaid with one slip saying why; {@code also} runs in the same commit. */
    void refused(PaymentState state, ErrorCode why, Optional<String> rc, String detail, Journal.Also also) {
        PaymentRow r = row;
        end(state, Optional.of(why), rc, detail, c -> {
            also.run(c);
            ReceiptTable.queue(c, r.paymentId(), "DECLINE", now());
            OrderTable.release(c, r.orderId(), now());
        });
        parts.owed().slips().nudge();
    }

    private void decline(ErrorCode why, String rc, String detail) {
        finish(stateFor(why), why, Optional.of(rc), "DECLINE", detail);
    }

    private static PaymentState stateFor(ErrorCode why) {
        return why == ErrorCode.HOST_DECLINED || why == ErrorCode.CARD_DECLINED ? PaymentState.DECLINED
                : PaymentState.FAILED;
    }

    private void fail(ErrorCode why, String detail) {
        PaymentState state = why == ErrorCode.CANCELLED || why == ErrorCode.ORDER_EXPIRED ? PaymentState.CANCELLED
                : PaymentState.FAILED;
        finish(state, why, Optional.empty(), null, detail);
    }

    private void finish(PaymentState state, ErrorCode why, Optional<String> rc, String slip, String detail) {
        PaymentRow r = row;
        end(state, Optional.of(why), rc, detail, c -> {
            if (slip != null) {
                ReceiptTable.queue(c, r.paymentId(), slip, now());
            }
            OrderTable.release(c, r.orderId(), now());
        });
        if (slip != null) {
            parts.owed().slips().nudge();
        }
    }

    FinalOutcome tellReader(HostDecision decision, String rc, Optional<String> auth, Optional<byte[]> iad) {
        return parts.lane().reader().complete(new Authorisation(decision, rc, auth, iad), READER_FINAL);
    }

    private static String lastFourOfTrack2(String track2) {
        int sep = track2.indexOf('D');
        String pan = sep > 0 ? track2.substring(0, sep) : track2;
        return pan.length() < 4 ? "****" : "*".repeat(pan.length() - 4) + pan.substring(pan.length() - 4);
    }

    /** Field 7 of the 0200 that left: what a reversal names its original by. */
    private static String transmittedAt(PaymentRow r) {
        return r.card().flatMap(CardDetails::transmittedAt).orElseThrow();
    }

    private java.time.Instant now() {
        return parts.orders().clock().instant();
    }
}
