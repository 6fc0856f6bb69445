package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.Counters;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.ReceiptTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.journal.Step;
import dev.posterm.core.saf.ReversalQueue;
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
 * </pre>
 *
 * Each journal write commits before the next external act (the 0200 leaving, the reader being
 * told, the slip printing), so recovery after a crash knows what the outside world may have seen.
 */
final class CardSale implements Runnable {
    private final EngineParts parts;
    private volatile PaymentRow row;
    private volatile boolean cancelRequested;
    private volatile boolean cardRead;
    private volatile boolean finished;

    private final OfflineBehavior behavior;

    CardSale(EngineParts parts, PaymentRow row, OfflineBehavior behavior) {
        this.parts = parts;
        this.row = row;
        this.behavior = behavior;
    }

    String paymentId() {
        return row.paymentId();
    }

    /**
     * True once the outcome is being committed: the reader is done with this sale, so the lane is
     * free for the next one even before this thread has returned. Set before the commit so that a
     * register woken by the final state can start the next payment at once.
     */
    boolean finished() {
        return finished;
    }

    /** Commits the payment's final row: from here on the sale touches no device. */
    private PaymentRow saveFinal(PaymentRow r, String detail, PaymentBook.Also also) {
        finished = true;
        return parts.book().save(r, detail, also);
    }

    /** @return false if the card has been read already (too late to cancel) */
    boolean cancel() {
        if (cardRead) {
            return false;
        }
        cancelRequested = true;
        parts.reader().cancel();
        return true;
    }

    @Override
    public void run() {
        try {
            collectCard();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(ErrorCode.CANCELLED, "interrupted: the controller is stopping");
        } catch (RuntimeException e) {
            Logger.error(e, "card sale {} failed", row.paymentId());
            fail(ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName());
        }
    }

    private void collectCard() throws InterruptedException {
        LocalDateTime local = LocalDateTime.now(parts.clock().withZone(parts.terminal().zone()));
        StartTransaction s = new StartTransaction(row.amount(), parts.terminal().currencyNumeric(),
                TransactionType.PURCHASE, local, parts.cardWaitSeconds(), !offlineNow());
        StartOutcome outcome = parts.reader().start(s, java.time.Duration.ofSeconds(parts.cardWaitSeconds() + 15L));
        switch (outcome) {
            case ReaderError e -> fail(ReaderErrors.toErrorCode(e.code()), "reader: " + e.code());
            case ReaderUnavailable u -> {
                parts.alerts().raise(dev.posterm.core.status.Alerts.Kind.READER_UNAVAILABLE, u.reason());
                fail(ErrorCode.READER_UNAVAILABLE, u.reason());
            }
            case CardRead card -> {
                parts.alerts().clear(dev.posterm.core.status.Alerts.Kind.READER_UNAVAILABLE);
                cardRead = true;
                onCard(card, local);
            }
        }
    }

    private void onCard(CardRead card, LocalDateTime local) throws InterruptedException {
        String masked = card.pan().map(p -> p.maskedLast4())
                .or(() -> card.track2().map(t -> lastFourOfTrack2(t.unsafeText()))).orElse("****");
        row = parts.book().save(row.withCard(masked, card.entryMode().name(), card.aid(), card.applicationLabel(),
                now()), "card " + masked + " " + card.entryMode() + " " + card.cid());
        if (cancelRequested) {
            if (card.cid() == Cid.ARQC) {
                // Only an ARQC leaves the reader waiting for an A; after a TC or an AAC it expects nothing.
                tellReader(HostDecision.TERMINAL_DECLINES_OFFLINE, "Z1", Optional.empty(), Optional.empty());
            }
            fail(ErrorCode.CANCELLED, "cancelled by the cash register");
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
        if (!parts.reversals().deliverAll()) {
            // No new 0200 while a reversal is owed: the host is as good as unreachable for this sale.
            new OfflineSale(parts, this).decide(card, local, false);
            return;
        }
        String f7 = HostMessages.transmissionTime(now());
        int stan = parts.book().journal().inTransaction(Counters::nextStan);
        row = parts.book().save(row.withOnline(stan, f7, local.toString(), now()), "0200 STAN " + stan);
        String icc = IccData.field55(card, row.amount(), parts.terminal().currencyNumeric(), local);
        IsoMessage request = parts.messages().purchase(row.amount(), stan, f7, local, card, icc);
        HostReply reply = parts.host().exchange(request, parts.hostTimeout());
        parts.offline().report().accept(reply);
        switch (reply) {
            case HostReply.Answered a -> onAnswer(a.response());
            case HostReply.NoAnswer n -> {
                onNoAnswer(n);
                new OfflineSale(parts, this).decide(card, local, false);
            }
            case HostReply.Unreachable u -> new OfflineSale(parts, this).decide(card, local, false);
        }
    }

    private void onAnswer(IsoMessage response) throws InterruptedException {
        String rc = response.field(39).orElse("96");
        Optional<String> auth = response.field(38).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> rrn = response.field(37).map(String::strip).filter(s -> !s.isEmpty());
        Optional<byte[]> issuerData = response.field(55).flatMap(IccData::issuerAuthData);
        if (!"00".equals(rc)) {
            row = parts.book().save(row.withHostAnswer(Step.HOST_DECLINED, rc, auth, rrn, now()), "0210 " + rc);
            tellReader(HostDecision.HOST_DECLINED, rc, Optional.empty(), issuerData);
            decline(ErrorCode.HOST_DECLINED, rc, "declined by the host: " + rc);
            return;
        }
        row = parts.book().save(row.withHostAnswer(Step.HOST_APPROVED, rc, auth, rrn, now()), "0210 00");
        FinalOutcome last = tellReader(HostDecision.HOST_APPROVED, rc, auth, issuerData);
        if (last instanceof CardFinal f && f.approved()) {
            approve();
        } else {
            reverse(last);
        }
    }

    private void onNoAnswer(HostReply.NoAnswer n) throws InterruptedException {
        PaymentRow r = row;
        row = parts.book().save(r.withStep(Step.HOST_NO_ANSWER, now()), "no 0210 within " + n.waited().toMillis()
                + " ms: reversal queued", c -> ReversalTable.queue(c, r.stan().orElseThrow(), r.paymentId(),
                "no response in time", "0200", r.transmittedAt().orElseThrow(), now()));
        parts.reversals().nudge();
    }

    /** The host approved but the card did not take it: the approval must be undone at the host. */
    private void reverse(FinalOutcome last) {
        ErrorCode why = switch (last) {
            case CardFinal f -> ErrorCode.CARD_DECLINED;
            case ReaderError e -> ReaderErrors.toErrorCode(e.code());
            case ReaderUnavailable u -> ErrorCode.READER_UNAVAILABLE;
        };
        PaymentRow r = row.finish("REVERSED", Optional.of(why.name()), Optional.empty(), now());
        row = saveFinal(r, "card did not complete after host approval (" + why + "): reversal queued", c -> {
            ReversalTable.queue(c, r.stan().orElseThrow(), r.paymentId(), "card declined after host approval",
                    "0200", r.transmittedAt().orElseThrow(), now());
            ReceiptTable.queue(c, r.paymentId(), "DECLINE", now());
            PaymentBook.orderState(c, r.orderId(), OrderState.UNPAID, now());
        });
        parts.reversals().nudge();
        parts.spooler().nudge();
    }

    private void approve() {
        PaymentRow r = row.finish("APPROVED", Optional.empty(), Optional.empty(), now());
        row = saveFinal(r, "approved", c -> {
            ReceiptTable.queue(c, r.paymentId(), "MERCHANT", now());
            ReceiptTable.queue(c, r.paymentId(), "CUSTOMER", now());
            PaymentBook.orderState(c, r.orderId(), OrderState.PAID, now());
        });
        parts.spooler().nudge();
    }

    /** Whether this sale should not try the host: the register forced offline, or the link is known down. */
    private boolean offlineNow() {
        return behavior == OfflineBehavior.FORCE_OFFLINE
                || parts.offline().link().get().state() == dev.posterm.core.status.LinkMonitor.State.OFFLINE;
    }

    OfflineBehavior behavior() {
        return behavior;
    }

    PaymentRow row() {
        return row;
    }

    /** Commits a step of the offline flow (not final). */
    void step(PaymentRow r, String detail, PaymentBook.Also also) {
        row = parts.book().save(r, detail, also);
    }

    /** Commits the offline approval as the outcome, with its slips. */
    void approvedOffline(String detail, PaymentBook.Also also) {
        PaymentRow r = row.finish("APPROVED_OFFLINE", Optional.empty(), Optional.empty(), now());
        row = saveFinal(r, detail, c -> {
            also.run(c);
            ReceiptTable.queue(c, r.paymentId(), "MERCHANT", now());
            ReceiptTable.queue(c, r.paymentId(), "CUSTOMER", now());
            PaymentBook.orderState(c, r.orderId(), OrderState.PAID, now());
        });
        parts.spooler().nudge();
    }

    /** Ends the sale unpaid with one slip saying why; {@code also} runs in the same commit. */
    void refused(String state, ErrorCode why, Optional<String> rc, String detail, PaymentBook.Also also) {
        PaymentRow r = row.finish(state, Optional.of(why.name()), rc, now());
        row = saveFinal(r, detail, c -> {
            also.run(c);
            ReceiptTable.queue(c, r.paymentId(), "DECLINE", now());
            PaymentBook.orderState(c, r.orderId(), OrderState.UNPAID, now());
        });
        parts.spooler().nudge();
    }

    private void decline(ErrorCode why, String rc, String detail) {
        finish(stateFor(why), why, Optional.of(rc), "DECLINE", detail);
    }

    private static String stateFor(ErrorCode why) {
        return why == ErrorCode.HOST_DECLINED || why == ErrorCode.CARD_DECLINED ? "DECLINED" : "FAILED";
    }

    private void fail(ErrorCode why, String detail) {
        String state = why == ErrorCode.CANCELLED ? "CANCELLED" : "FAILED";
        finish(state, why, Optional.empty(), null, detail);
    }

    private void finish(String state, ErrorCode why, Optional<String> rc, String slip, String detail) {
        PaymentRow r = row.finish(state, Optional.of(why.name()), rc, now());
        row = saveFinal(r, detail, c -> {
            if (slip != null) {
                ReceiptTable.queue(c, r.paymentId(), slip, now());
            }
            PaymentBook.orderState(c, r.orderId(), OrderState.UNPAID, now());
        });
        if (slip != null) {
            parts.spooler().nudge();
        }
    }

    FinalOutcome tellReader(HostDecision decision, String rc, Optional<String> auth, Optional<byte[]> iad) {
        return parts.reader().complete(new Authorisation(decision, rc, auth, iad),
                java.time.Duration.ofSeconds(30));
    }

    private static String lastFourOfTrack2(String track2) {
        int sep = track2.indexOf('D');
        String pan = sep > 0 ? track2.substring(0, sep) : track2;
        return pan.length() < 4 ? "****" : "*".repeat(pan.length() - 4) + pan.substring(pan.length() - 4);
    }

    private java.time.Instant now() {
        return parts.clock().instant();
    }
}
