package dev.posterm.core.receipt;

import dev.posterm.core.errors.CashierMessage;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.HostResponse;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.QrDetails;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.PaymentType;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.printer.layout.ReceiptDocument.Blank;
import dev.posterm.printer.layout.ReceiptDocument.Line;
import dev.posterm.printer.layout.ReceiptDocument.Pair;
import dev.posterm.printer.layout.ReceiptDocument.Rule;
import dev.posterm.printer.layout.ReceiptDocument.Text;
import dev.posterm.printer.layout.ReceiptDocument;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a journaled payment into a slip. Derived from the journal only, so a slip lost to a crash
 * or an empty paper roll prints the same later. The card appears as its last four digits only.
 */
public final class SlipFactory {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TerminalIdentity terminal;
    private final boolean chinese;
    private final Optional<String> supportContact;

    public SlipFactory(TerminalIdentity terminal, boolean chinese) {
        this(terminal, chinese, Optional.empty());
    }

    /** {@code supportContact}: terminal.support_contact, printed on decline slips and in reasons that say to call support. */
    public SlipFactory(TerminalIdentity terminal, boolean chinese, Optional<String> supportContact) {
        this.terminal = terminal;
        this.chinese = chinese;
        this.supportContact = supportContact;
    }

    /** {@code copy}: MERCHANT, CUSTOMER, DECLINE (the one slip of a declined sale) or REPRINT. */
    public ReceiptDocument slip(PaymentRow p, String copy) {
        return slip(p, copy, false);
    }

    /** {@code interrupted}: an earlier print of this slip was cut short; this one says it is a reprint. */
    public ReceiptDocument slip(PaymentRow p, String copy, boolean interrupted) {
        SlipWords w = chinese ? SlipWords.ZH : SlipWords.EN;
        List<Line> lines = new ArrayList<>();
        lines.add(Text.title(terminal.merchantName()));
        lines.add(Text.center(w.of(copy)));
        if (interrupted) {
            lines.add(Text.center(w.of("interrupted")));
        }
        lines.add(new Rule());
        lines.add(new Pair(w.of("merchant"), terminal.merchantId()));
        lines.add(new Pair(w.of("terminal"), terminal.terminalId()));
        lines.add(new Pair(w.of("date"), WHEN.format(p.createdAt().atZone(terminal.zone()))));
        lines.add(new Pair(w.of("type"), w.of(p.type() == PaymentType.SALE ? "sale" : p.type().name())));
        if (p.method() == PaymentMethod.CASH) {
            lines.add(new Pair(w.of("method"), w.of("cash")));
        }
        p.card().ifPresent(card -> card(card, w, lines));
        p.qr().ifPresent(qr -> wallet(qr, w, lines));
        lines.add(new Rule());
        Money amount = p.amount();
        lines.add(new Pair(w.of("amount"), money(amount.currency(), amount.amount()), true));
        p.cash().ifPresent(cash -> {
            lines.add(new Pair(w.of("tendered"), money(amount.currency(), cash.tendered())));
            lines.add(new Pair(w.of("change"), money(amount.currency(), cash.changeDue()), true));
        });
        lines.add(new Blank());
        lines.add(new Text(w.of(outcome(p)), ReceiptDocument.Align.CENTER, true, true));
        Optional<CashierMessage> reason = CashierMessage.forOutcome(p.errorCode().flatMap(SlipFactory::code),
                p.card().flatMap(CardDetails::responseCode)).map(m -> m.withSupport(supportContact));
        reason.ifPresent(m -> lines.add(Text.center(chinese ? m.chinese() : m.english())));
        if ("DECLINE".equals(copy)) {
            supportContact.ifPresent(c -> lines.add(new Pair(w.of("support"), c)));
        }
        lines.add(new Blank());
        if (p.state() == PaymentState.APPROVED && "MERCHANT".equals(copy)) {
            lines.add(Text.center(w.of("sign")));
        }
        lines.add(Text.center("CUSTOMER".equals(copy) || "DECLINE".equals(copy) ? w.of("keep") : w.of("thanks")));
        return new ReceiptDocument(chinese ? ReceiptDocument.Script.CHINESE : ReceiptDocument.Script.LATIN, lines);
    }

    /** The big line: the state, or for cash what the cashier did with the money. */
    private static String outcome(PaymentRow p) {
        if (p.method() == PaymentMethod.CASH && p.state() == PaymentState.APPROVED) {
            return p.type() == PaymentType.REFUND ? "CASH_REFUNDED" : "CASH_PAID";
        }
        return p.type() == PaymentType.SALE ? p.state().name() : p.type().name() + "_" + p.state().name();
    }

    private static void card(CardDetails card, SlipWords w, List<Line> lines) {
        card.maskedPan().ifPresent(pan -> lines.add(new Pair(w.of("card"), lastFour(pan))));
        card.entryMode().ifPresent(m -> lines.add(new Pair(w.of("entry"), w.of(m))));
        card.aid().ifPresent(a -> lines.add(new Pair(w.of("aid"), a)));
        card.appLabel().ifPresent(l -> lines.add(new Pair(w.of("app"), l)));
        card.stan().ifPresent(s -> lines.add(new Pair(w.of("stan"), String.format("%06d", s))));
        card.rrn().ifPresent(r -> lines.add(new Pair(w.of("rrn"), r)));
        card.authCode().ifPresent(a -> lines.add(new Pair(w.of("auth"), a)));
        // A lost or stolen card's code is not the customer's to read: the journal keeps it.
        card.responseCode().filter(rc -> !HostResponse.of(rc).map(HostResponse::discreet).orElse(false))
                .ifPresent(rc -> lines.add(new Pair(w.of("rc"), rc)));
    }

    /** A QR payment: the wallet, our number and the gateway's (what support asks for); never the payment code. */
    private static void wallet(QrDetails qr, SlipWords w, List<Line> lines) {
        lines.add(new Pair(w.of("wallet"), w.of(qr.wallet())));
        lines.add(new Pair(w.of("outTradeNo"), qr.outTradeNo()));
        qr.tradeNo().ifPresent(t -> lines.add(new Pair(w.of("tradeNo"), t)));
        qr.errCode().ifPresent(e -> lines.add(new Pair(w.of("rc"), e)));
    }

    private String money(String currency, long minor) {
        return currency + " " + new Money(minor, currency).decimal(terminal.currencyDigits());
    }

    private static Optional<ErrorCode> code(String errorCode) {
        try {
            return Optional.of(ErrorCode.valueOf(errorCode));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The journal keeps last-four masking already; this keeps a slip safe even if it did not. */
    private static String lastFour(String masked) {
        String digits = masked.length() > 4 ? masked.substring(masked.length() - 4) : masked;
        return "**** **** **** " + digits;
    }
}
