package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.journal.ReversalRow;
import dev.posterm.core.journal.ReversalTable;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.Cid;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * However a card sale ends once its 0200 has left (a fault in a driver, a bug, an interrupt), the
 * host may hold an approval: the reversal must be in the same commit as the outcome.
 */
class SaleEndingTest {
    @TempDir
    Path dir;
    EngineRig rig;

    @BeforeEach
    void open() {
        rig = new EngineRig(dir, false);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aHostLinkThatThrowsAfterThe0200LeftLeavesAReversalAndNoApproval() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.host.answer = r -> {
            if (r.mti().equals("0200")) {
                throw new IllegalStateException("codec bug while reading the 0210");
            }
            return FakeHost.approve(r);
        };

        Payment p = rig.payByCard("throws-host", 1500);

        assertNotEquals(PaymentState.APPROVED, p.state());
        assertNotEquals(PaymentState.PENDING, p.state());
        assertEquals(List.of(p.paymentId()), pendingReversalPayments(), "the host may have approved: reversed");
        assertEquals(OrderState.UNPAID, rig.engine.order("throws-host").orElseThrow().state());
    }

    @Test
    void aReaderThatThrowsAfterTheHostApprovedLeavesAReversalAndNoApproval() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.reader.failComplete = new IllegalStateException("driver bug while sending A");

        Payment p = rig.payByCard("throws-reader", 1600);

        assertNotEquals(PaymentState.APPROVED, p.state());
        assertNotEquals(PaymentState.PENDING, p.state());
        assertEquals(List.of(p.paymentId()), pendingReversalPayments(), "the host approved: reversed");
        assertTrue(rig.reversals.deliverAll());
        assertEquals(List.of("0200", "0400"), rig.host.mtis());
        assertEquals(rig.host.requests.get(0).field(11), rig.host.requests.get(1).field(11));
    }

    @Test
    void aSaleEndedBeforeThe0200LeftOwesNothing() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.link = EngineRig.view(dev.posterm.core.status.LinkMonitor.State.OFFLINE);
        rig.reader.failComplete = new IllegalStateException("driver bug while sending A");

        Payment p = rig.payByCard("offline-throws", 1700);

        assertNotEquals(PaymentState.APPROVED_OFFLINE, p.state());
        assertEquals(List.of(), pendingReversalPayments(), "no 0200 left: nothing to reverse");
        assertEquals(Optional.empty(), rig.host.requests.stream().findFirst());
    }

    private List<String> pendingReversalPayments() {
        return rig.journal.read(ReversalTable::pending).stream().map(ReversalRow::paymentId).toList();
    }
}
