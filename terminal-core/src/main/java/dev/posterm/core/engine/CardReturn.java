package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.HostResponse;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.Counters;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.PaymentRequestTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.journal.ReturnTable;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.core.journal.Step;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.EntryMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The acquirer's half of a card void or refund, shared by {@link CardVoid} and {@link CardRefund}:
 *
 * <pre>
 *  [host known down or a reversal still owed: refused, nothing journaled]
 *  journal: claim on the sale + the return ONLINE_SENT with its own new STAN and field 7 (one commit)
 *    -> 0200 (3 = 020000 or 200000, 4, 37 = the sale's RRN, no 2/14/35/55)
 *    -> 0210 00    : {@link Sent.Approved}, the caller commits the approval and what it does to the sale
 *    -> 0210 other : DECLINED with the host's code, the claim given back (one commit)
 *    -> no 0210    : FAILED, the reversal (0400, keyed MTI + STAN + field 7) queued and the claim given
 *                    back in one commit, exactly as for a sale; the reversal goes before any new 0200
 *    -> unreachable: FAILED, nothing left, the claim given back
 * </pre>
 * A crash after the first commit leaves the return at ONLINE_SENT: {@link Recovery} fails it, queues
 * its reversal and gives its claim back.
 */
final class CardReturn {
    private final PaymentEngine.Parts parts;

    CardReturn(PaymentEngine.Parts parts) {
        this.parts = parts;
    }

    /** What the 0200 brought. */
    sealed interface Sent {
        /** 0210 00: not yet journaled; the caller commits it with its effect on the sale. */
        record Approved(PaymentRow answered) implements Sent {
        }

        /** Declined, unanswered or never sent: journaled as ended, the claim given back. */
        record NotDone(PaymentRow ended) implements Sent {
        }
    }

    /** No void or refund goes to a host known down, or ahead of a reversal still owed (host-link.md outcome rules). */
    void requireHost() throws Refused {
        if (parts.offline().link().knownDown()) {
            throw new Refused(ErrorCode.RETURN_NEEDS_HOST, "the host link is down; voids and refunds are never made offline");
        }
        try {
            if (!parts.owed().reversals().deliverAll()) {
                throw new Refused(ErrorCode.RETURN_NEEDS_HOST, "a reversal owed to the host could not be delivered;"
                        + " no new 0200 leaves before it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(ErrorCode.RETURN_NEEDS_HOST, "interrupted while delivering owed reversals");
        }
    }

    /**
     * Journals {@code pending} at ONLINE_SENT with a new STAN, its request's fingerprint and, in the
     * same commit, the claim on its sale. A claim that fails, or a twin request that journaled the
     * same Idempotency-Key first, writes nothing: what {@code lost} gives is thrown.
     */
    PaymentRow journal(PaymentRow pending, Journal.Work<Boolean> claim, java.util.function.Supplier<Refused> lost,
                       String fingerprint)
            throws Refused {
        Instant now = now();
        LocalDateTime local = LocalDateTime.now(parts.orders().clock().withZone(parts.orders().terminal().zone()));
        int stan = parts.orders().book().journal().inTransaction(Counters::nextStan);
        PaymentRow sent = pending.withOnline(stan, HostMessages.transmissionTime(now), local.toString(), now);
        boolean saved = JournalGate.firstWrite(parts.orders().book().journal(), () -> parts.orders().book().saveIf(c -> {
            if (pending.idempotencyKey().isPresent() && PaymentTable.findByIdempotencyKey(c, pending.orderId(),
                    pending.idempotencyKey().get()).isPresent()) {
                return false;
            }
            return claim.run(c);
        }, sent, pending.type() + " of " + pending.originalPaymentId().orElseThrow() + ": 0200 STAN " + stan,
                c -> PaymentRequestTable.insert(c, sent.paymentId(), fingerprint)));
        if (!saved) {
            throw lost.get();
        }
        return sent;
    }

    /** Sends the return's 0200 and ends it unless approved (see the class comment). */
    Sent send(PaymentRow sent, String processing, PaymentRow sale) {
        CardDetails card = sent.card().orElseThrow();
        String posEntry = card.entryMode().map(m -> EntryMode.valueOf(m).posEntryMode()).orElse("051");
        IsoMessage request = parts.lane().messages().cardReturn(processing, sent.amount().amount(),
                sent.stan().orElseThrow(), card.transmittedAt().orElseThrow(),
                LocalDateTime.parse(card.localTime().orElseThrow()), posEntry,
                sale.card().flatMap(CardDetails::rrn).orElseThrow());
        HostReply reply;
        try {
            reply = parts.lane().host().exchange(request, parts.lane().hostTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent.NotDone(unanswered(sent, "interrupted while waiting for the 0210"));
        } catch (RuntimeException e) {
            Logger.error(e, "{} {}: 0200 exchange failed", sent.type(), sent.paymentId());
            return new Sent.NotDone(unanswered(sent, "the exchange failed: " + e.getClass().getSimpleName()));
        }
        parts.offline().link().report(reply);
        return switch (reply) {
            case HostReply.Answered a -> answered(sent, a.response());
            case HostReply.NoAnswer n -> new Sent.NotDone(unanswered(sent, "no 0210 within " + n.waited().toMillis() + " ms"));
            case HostReply.Unreachable u -> new Sent.NotDone(end(sent.withStep(Step.CARD_READ, now())
                    .finish(PaymentState.FAILED, Optional.of(ErrorCode.RETURN_NEEDS_HOST.name()), Optional.empty(), now()),
                    "0200 never left: " + u.reason(), false));
        };
    }

    private Sent answered(PaymentRow sent, IsoMessage response) {
        String rc = response.field(39).orElse("96");
        Optional<String> auth = response.field(38).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> rrn = response.field(37).map(String::strip).filter(s -> !s.isEmpty());
        if ("00".equals(rc)) {
            return new Sent.Approved(sent.withHostAnswer(Step.HOST_APPROVED, rc, auth, rrn, now())
                    .finish(PaymentState.APPROVED, Optional.empty(), Optional.empty(), now()));
        }
        PaymentRow declined = sent.withHostAnswer(Step.HOST_DECLINED, rc, auth, rrn, now())
                .finish(PaymentState.DECLINED, Optional.of(ErrorCode.HOST_DECLINED.name()), Optional.empty(), now());
        return new Sent.NotDone(end(declined, "declined by the host: " + rc + HostResponse.of(rc)
                .map(r -> " (" + r.message().english() + ")").orElse(""), false));
    }

    /** No answer (or none that can be trusted): FAILED, reversed like a sale. */
    private PaymentRow unanswered(PaymentRow sent, String why) {
        PaymentRow failed = sent.finish(PaymentState.FAILED, Optional.of(ErrorCode.RETURN_TIMEOUT.name()),
                Optional.empty(), now());
        PaymentRow ended = end(failed, why, true);
        parts.owed().reversals().nudge();
        return ended;
    }

    /** Commits the end of a return that moved no money: its claim given back, its reversal if owed. */
    private PaymentRow end(PaymentRow ended, String detail, boolean reverse) {
        PaymentRow sent = ended;
        parts.orders().book().save(ended, detail + (reverse ? ": reversal queued" : ""), c -> {
            ReturnTable.release(c, sent);
            if (reverse) {
                ReversalTable.queue(c, sent.stan().orElseThrow(), sent.paymentId(), detail, "0200",
                        sent.card().flatMap(CardDetails::transmittedAt).orElseThrow(), now());
            }
        });
        Logger.info("{} {} of payment {}: {} ({})", ended.type(), ended.paymentId(), ended.originalPaymentId().orElse("?"),
                ended.state(), detail);
        return ended;
    }

    private Instant now() {
        return parts.orders().clock().instant();
    }
}
