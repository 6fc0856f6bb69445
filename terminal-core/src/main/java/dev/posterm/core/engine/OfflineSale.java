package dev.posterm.core.engine;

import dev.posterm.core.engine.offline.Exposure;
import dev.posterm.core.engine.offline.OfflineDecision;
import dev.posterm.core.engine.offline.OfflineRequest;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.Counters;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.vault.CardHash;
import dev.posterm.core.vault.StoredCard;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.FinalOutcome;
import dev.posterm.drivers.reader.HostDecision;
import dev.posterm.drivers.reader.Pan;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderUnavailable;
import dev.posterm.drivers.reader.TransactionType;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The offline end of a card sale, when the host cannot approve it: the terminal's risk decision,
 * then the card's. The order of commits is what makes it safe:
 *
 * <pre>
 *   decide (OfflinePolicy) ── no ──> A(04, Z3) ─> FAILED with the rule's error code, one slip
 *        │ yes
 *   journal: OFFLINE_DECIDED + advice TENTATIVE with the card data sealed      (commit)
 *   A(03 "unable to go online", Y3, terminal auth code) ──> F(TC) ─> APPROVED_OFFLINE, advice PENDING (commit)
 *                                                       └─> F(AAC)/E ─> DECLINED, advice discarded (commit)
 * </pre>
 * A crash before the card's answer is journaled leaves a TENTATIVE advice that recovery discards:
 * a sale the card may have declined is never advised. A card that approved on its own at first
 * GENERATE AC (TC) is held to the same rules, and its TC is final: no A is sent.
 */
final class OfflineSale {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PaymentEngine.Parts parts;
    private final CardSale sale;

    OfflineSale(PaymentEngine.Parts parts, CardSale sale) {
        this.parts = parts;
        this.sale = sale;
    }

    void decide(CardRead card, LocalDateTime local, boolean approvedByCard) {
        Optional<Pan> pan = card.pan().or(() -> card.track2().map(t -> Pan.of(t.unsafeText().split("D")[0])));
        if (pan.isEmpty()) {
            refuse(new OfflineDecision.Refuse(ErrorCode.OFFLINE_NOT_FOR_THIS_CARD, "no card number to advise"),
                    approvedByCard);
            return;
        }
        Offline offline = parts.offline();
        CardHash hash = offline.vault().hash(pan.get());
        AdviceTable.Held held = parts.orders().book().journal().read(c -> AdviceTable.held(c, hash.hex()));
        String digits = pan.get().unsafeDigits();
        OfflineDecision decision = offline.policy().decide(new OfflineRequest(sale.row().amount().amount(),
                TransactionType.PURCHASE, card.entryMode(), digits.substring(0, Math.min(11, digits.length())), hash,
                new Exposure(held.count(), held.amount(), held.oldest(), held.sameCard()), parts.orders().clock().instant(),
                offline.link().outageSince(), sale.behavior()));
        switch (decision) {
            case OfflineDecision.Refuse r -> refuse(r, approvedByCard);
            case OfflineDecision.Approve a -> approve(card, pan.get(), hash, local, a, approvedByCard);
        }
    }

    private void refuse(OfflineDecision.Refuse r, boolean approvedByCard) {
        if (!approvedByCard) {
            sale.tellReader(HostDecision.TERMINAL_DECLINES_OFFLINE, "Z3", Optional.empty(), Optional.empty());
        }
        sale.refused(PaymentState.FAILED, r.code(), Optional.of("Z3"), "not approved offline: " + r.reason(), Journal.Also.nothing());
    }

    private void approve(CardRead card, Pan pan, CardHash hash, LocalDateTime local, OfflineDecision.Approve a,
                         boolean approvedByCard) {
        String auth = (approvedByCard ? "Y1" : "Y3") + String.format("%04d", RANDOM.nextInt(10_000));
        PaymentRow before = sale.row();
        int stan = before.stan().orElseGet(() -> parts.orders().book().journal().inTransaction(Counters::nextStan));
        StoredCard stored = new StoredCard(pan, card.track2(), card.expiry(), card.panSequence(),
                IccData.field55(card, before.amount().amount(), parts.orders().terminal().currencyNumeric(), local));
        byte[] sealed = parts.offline().vault().seal(stored,
                new dev.posterm.core.vault.SealedFor(before.paymentId(), before.amount().amount(), stan, auth));
        PaymentRow decided = before.withOffline(stan, local.toString(), auth, parts.orders().clock().instant());
        sale.step(decided, "offline approval decided: " + a.reason(), c -> AdviceTable.queueTentative(c, stan,
                decided.paymentId(), decided.amount().amount(), local.toString(), card.entryMode().name(), hash.hex(),
                decided.card().flatMap(CardDetails::maskedPan).orElse("****"), sealed, auth, parts.orders().clock().instant()));
        if (approvedByCard) {
            sale.approvedOffline("approved offline by the card (TC)", c -> AdviceTable.confirm(c, decided.paymentId()));
            parts.owed().advices().nudge();
            return;
        }
        FinalOutcome last = sale.tellReader(HostDecision.UNABLE_TO_GO_ONLINE, "Y3", Optional.of(auth), Optional.empty());
        if (last instanceof CardFinal f && f.approved()) {
            sale.approvedOffline("approved offline (TC after unable to go online)",
                    c -> AdviceTable.confirm(c, decided.paymentId()));
            parts.owed().advices().nudge();
            return;
        }
        ErrorCode why = switch (last) {
            case CardFinal f -> ErrorCode.CARD_DECLINED_OFFLINE;
            case ReaderError e -> ReaderErrors.toErrorCode(e.code());
            case ReaderUnavailable u -> ErrorCode.READER_UNAVAILABLE;
        };
        sale.refused(why == ErrorCode.CARD_DECLINED_OFFLINE ? PaymentState.DECLINED : PaymentState.FAILED, why, Optional.of("Z3"),
                "the card did not approve offline (" + why + ")", c -> AdviceTable.discard(c, decided.paymentId()));
    }
}
