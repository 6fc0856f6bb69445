package dev.posterm.simulator.acquirer;

import java.util.Optional;

/** What the host does with 0200, 0220 and 0400; called by {@link Host} under its lock. */
final class Authorisations {
    private static final String PURCHASE = "000000";
    private static final String REFUND = "200000";
    private static final String VOID = "020000";

    private Authorisations() {
    }

    /** 0200: purchase, refund or void; 0210 echoes 3 4 7 11 12 13 41 42 49, adds 37, 38 when approved, 39. */
    static IsoMessage authorise(Host host, IsoMessage r) {
        String processing = r.get(3);
        long amount = Long.parseLong(r.get(4));
        String code = host.decisions().takeNext();
        Optional<LedgerEntry> voided = Optional.empty();
        Optional<LedgerEntry> refunded = Optional.empty();
        if (code == null) {
            if (processing.equals(VOID)) {
                voided = voidable(host, r);
                code = voided.isPresent() ? "00" : "12";
            } else if (processing.equals(REFUND)) {
                refunded = refundable(host, r);
                code = refunded.isEmpty() ? "12"
                        : host.ledger().refundedOf(refunded.get()) + amount > refunded.get().amountMinor() ? "13"
                        : host.decisions().forAmount(amount);
            } else if (processing.equals(PURCHASE)) {
                code = host.decisions().forAmount(amount);
            } else {
                code = "12";
            }
        }
        boolean approved = code.equals("00");
        String rrn = host.nextRrn();
        String auth = approved ? host.nextAuthCode() : null;
        LedgerEntry entry = new LedgerEntry(r.get(41), r.get(11), r.get(7), r.type(), processing, amount, rrn, auth,
                code, approved ? LedgerEntry.State.APPROVED : LedgerEntry.State.DECLINED, false);
        host.ledger().put(entry);
        if (approved) {
            voided.ifPresent(sale -> host.ledger().markVoided(entry, sale));
            refunded.ifPresent(sale -> host.ledger().markRefund(entry, sale));
        }
        IsoMessage answer = new IsoMessage(r.responseMti()).echo(r, 3, 4, 7, 11, 12, 13, 41, 42, 49).set(37, rrn);
        if (approved) {
            answer.set(38, auth);
        }
        return answer.set(39, code);
    }

    private static Optional<LedgerEntry> voidable(Host host, IsoMessage r) {
        if (!r.has(37)) {
            return Optional.empty();
        }
        return host.ledger().byRrn(r.get(41), r.get(37))
                .filter(e -> e.state() == LedgerEntry.State.APPROVED || e.state() == LedgerEntry.State.ADVISED)
                .filter(e -> !e.processingCode().equals(VOID))
                .filter(e -> !e.settled());   // a void only within its sale's batch
    }

    /**
     * The sale a refund names by 37: approved online or advised, not voided, in any batch (a refund
     * may come in a later batch). Its refunds never add up to more than it (else 13, host-link.md).
     */
    private static Optional<LedgerEntry> refundable(Host host, IsoMessage r) {
        if (!r.has(37)) {
            return Optional.empty();
        }
        return host.ledger().byRrn(r.get(41), r.get(37))
                .filter(e -> e.state() == LedgerEntry.State.APPROVED || e.state() == LedgerEntry.State.ADVISED)
                .filter(e -> e.processingCode().equals(PURCHASE));
    }

    /** 0220/0221: an offline approval told afterwards; 00 records it ADVISED. */
    static IsoMessage advice(Host host, IsoMessage r) {
        String code = host.decisions().takeNext();
        if (code == null) {
            code = "00";
        }
        long amount = Long.parseLong(r.get(4));
        String rrn = r.has(37) ? r.get(37) : host.nextRrn();
        boolean accepted = code.equals("00");
        host.ledger().put(new LedgerEntry(r.get(41), r.get(11), r.get(7), r.type(), r.get(3), amount, rrn,
                r.get(38), code, accepted ? LedgerEntry.State.ADVISED : LedgerEntry.State.DECLINED, false));
        return new IsoMessage(r.responseMti()).echo(r, 3, 4, 7, 11, 12, 13, 38, 41, 42, 49).set(37, rrn).set(39, code);
    }

    /** 0400/0401: undoes the original found by 41 + the STAN (and field 7) in field 90. */
    static IsoMessage reverse(Host host, IsoMessage r) {
        IsoMessage answer = new IsoMessage(r.responseMti()).echo(r, 3, 4, 7, 11, 12, 13, 37, 41, 42, 49, 90);
        String code = host.decisions().takeNext();
        if (code != null && !code.equals("00")) {
            return answer.set(39, code);   // the host refuses: nothing changes
        }
        String f90 = r.get(90);
        Optional<LedgerEntry> original = host.original(r);
        if (original.isPresent()) {
            host.ledger().reverse(original.get());
        } else {
            host.ledger().put(new LedgerEntry(r.get(41), f90.substring(4, 10), f90.substring(10, 20),
                    f90.substring(0, 4), r.has(3) ? r.get(3) : PURCHASE, r.has(4) ? Long.parseLong(r.get(4)) : 0,
                    null, null, "00", LedgerEntry.State.REVERSED, false));
        }
        return answer.set(39, "00");
    }
}
