package dev.posterm.simulator.acquirer;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The acquirer's processing of one well-formed request, whatever the transport does with the
 * answer. Duplicate detection per host-link.md: a request whose type (a repeat counts as its type),
 * field 41, field 11 and field 7 were seen before gets the first answer again and changes nothing.
 *
 * <p>Decisions where the spec is silent: a void (0200, 020000) must carry the sale's RRN in 37
 * and finds it by 41 + 37 (otherwise 12); so must a refund (200000), which is 13 when the sale's
 * refunds would add up to more than the sale; a reversal of something the host never saw is answered
 * 00 and recorded as a REVERSED entry under the original's key (nothing to undo is a success);
 * a refund or void carries no card data (only a purchase, 0200 or 0220, needs 2 or 35); an unsupported
 * MTI gets 12. Batch close (0500) is {@link BatchClose}'s.
 */
final class Host {
    private static final DateTimeFormatter RRN_DATE = DateTimeFormatter.ofPattern("yyDDD").withZone(ZoneOffset.UTC);

    private final Ledger ledger;
    private final Decisions decisions;
    private final Clock clock;
    private final Map<String, IsoMessage> answered = new HashMap<>();
    private long sequence;
    private long duplicates;

    Host(Ledger ledger, Decisions decisions, Clock clock) {
        this.ledger = ledger;
        this.decisions = decisions;
        this.clock = clock;
    }

    synchronized IsoMessage handle(IsoMessage request) {
        ledger.received(request.mti());
        String missing = missingFields(request);
        if (missing != null) {
            return formatError(request);
        }
        String key = request.type() + "|" + request.get(41) + "|" + request.get(11) + "|" + request.get(7);
        IsoMessage previous = answered.get(key);
        if (previous != null) {
            duplicates++;
            return previous;
        }
        IsoMessage answer = act(request);
        answered.put(key, answer);
        return answer;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** The answer 30 (format error) with what could be read. */
    static IsoMessage formatError(IsoMessage request) {
        return new IsoMessage(request.responseMti()).echo(request, 3, 4, 7, 11, 41, 42).set(39, "30");
    }

    private static String missingFields(IsoMessage r) {
        int[] needed = switch (r.type()) {
            case "0200", "0220" -> new int[] {3, 4, 7, 11, 12, 13, 22, 41, 42, 49};
            case "0400" -> new int[] {7, 11, 41, 90}; // 3 and 4 welcome, not needed to undo
            case "0500" -> new int[] {3, 7, 11, 41, 60, 63};
            case "0800" -> new int[] {7, 11, 70};
            default -> new int[] {7, 11, 41};
        };
        for (int n : needed) {
            if (!r.has(n)) {
                return "field " + n;
            }
        }
        // Voids and refunds name their sale by 37 and carry no card data (host-link.md).
        boolean purchase = (r.type().equals("0200") || r.type().equals("0220")) && r.get(3).startsWith("00");
        return purchase && !r.has(2) && !r.has(35) ? "field 2 or 35" : null;
    }

    private IsoMessage act(IsoMessage r) {
        return switch (r.type()) {
            case "0200" -> Authorisations.authorise(this, r);
            case "0220" -> Authorisations.advice(this, r);
            case "0400" -> Authorisations.reverse(this, r);
            case "0500" -> BatchClose.reconcile(this, r);
            case "0800" -> new IsoMessage(r.responseMti()).echo(r, 7, 11, 41, 70).set(39, "00");
            default -> new IsoMessage(r.responseMti()).echo(r, 7, 11, 41).set(39, "12");
        };
    }

    Ledger ledger() {
        return ledger;
    }

    Decisions decisions() {
        return decisions;
    }

    /** A new RRN: 12 digits, julian date (yyDDD) and a 7-digit sequence. */
    String nextRrn() {
        return RRN_DATE.format(clock.instant()) + String.format("%07d", ++sequence);
    }

    /** A new 6-digit authorisation code, varied but repeatable. */
    String nextAuthCode() {
        return String.format("%06d", (sequence * 7919 + 104729) % 1_000_000);
    }

    Optional<LedgerEntry> original(IsoMessage reversal) {
        String f90 = reversal.get(90);
        return ledger.original(reversal.get(41), f90.substring(4, 10), f90.substring(10, 20));
    }
}
