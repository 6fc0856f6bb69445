package dev.posterm.simulator.acquirer;

import java.util.Optional;

/**
 * 0500 batch close, called by {@link Host} under its lock (a repeat with the same 41 + 11 + 7 never
 * reaches here: the host answers it again). host-link.md: 0510 with 00 closes the batch and the next
 * number starts; 95 means the host's books differ and the batch stays open.
 * <pre>
 * 0500  3 = 920000, 7, 11, 41, 60 = batch number (6 digits), 63 = 32 digits of totals
 * 0510  3 7 11 41 42 60 echoed, 39, 63 = the HOST's totals of that batch (so the terminal can
 *       report both sides on a 95; on 00 they equal the terminal's)
 * </pre>
 * Where the spec is silent: the host learns batch numbers only from 0500s, so it does not insist on
 * a sequence; an 0500 for a batch number it already closed for this terminal (the terminal lost the
 * 0510 and asks again under a new STAN) is answered from that close, 00 if the totals are those it
 * closed with, else 95, and acts on nothing; field 3 other than 920000 is 12; a scripted code
 * ({@code respondWith}) is answered with the books left as they are.
 */
final class BatchClose {
    private static final String CLOSE = "920000";

    private BatchClose() {
    }

    static IsoMessage reconcile(Host host, IsoMessage r) {
        IsoMessage answer = new IsoMessage(r.responseMti()).echo(r, 3, 7, 11, 41, 42, 60);
        String forced = host.decisions().takeNext();
        if (forced != null) {
            return answer.set(39, forced);
        }
        Totals reported = Totals.parse(r.get(63));
        String batch = r.get(60);
        if (reported == null || !batch.matches("\\d{6}")) {
            return Host.formatError(r);
        }
        if (!r.get(3).equals(CLOSE)) {
            return answer.set(39, "12");
        }
        String terminal = r.get(41);
        Optional<Totals> closedWith = host.ledger().closedBatch(terminal, batch);
        if (closedWith.isPresent()) {
            Totals own = closedWith.get();
            return answer.set(39, own.equals(reported) ? "00" : "95").set(63, own.toField63());
        }
        Settlement settlement = host.ledger().reconcile(terminal, batch, reported);
        return answer.set(39, settlement.responseCode()).set(63, settlement.host().toField63());
    }
}
