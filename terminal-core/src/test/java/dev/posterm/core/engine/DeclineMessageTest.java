package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.HostResponse;
import dev.posterm.core.journal.CardDetails;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.Cid;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host decline tells the cashier what happened and what to do, by its response code, on the API and the slip. */
class DeclineMessageTest {
    @TempDir
    Path dir;

    private static Payment declinedWith(EngineRig rig, String rc) throws Exception {
        rig.host.answer = request -> FakeHost.answer(request, rc);
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        Payment p = rig.payByCard("D-" + rc, 5100);
        assertEquals(PaymentState.DECLINED, p.state());
        assertEquals(ErrorCode.HOST_DECLINED, p.errorCode().orElseThrow());
        return p;
    }

    @Test
    void insufficientFundsSaysSoAndAsksForAnotherMethodOnTheApiAndTheSlip() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment p = declinedWith(rig, "51");

            assertEquals(Optional.of("51"), p.responseCode());
            assertEquals(HostResponse.INSUFFICIENT_FUNDS.message(), p.message().orElseThrow());
            assertTrue(p.message().orElseThrow().chinese().contains("余额不足"));
            rig.spooler.printOwed();
            String slip = rig.printer.slips.get(0);
            assertTrue(slip.contains("Insufficient funds on the card. Ask the customer for another payment method."), slip);
            assertTrue(slip.contains("SUPPORT " + EngineRig.SUPPORT), "the support contact on a decline slip: " + slip);
        }
    }

    @Test
    void aLostCardIsAPlainDeclineForTheCustomerAndTheRealReasonStaysInTheJournal() throws Exception {
        try (EngineRig rig = new EngineRig(dir, true)) {
            Payment p = declinedWith(rig, "41");

            assertEquals(Optional.empty(), p.responseCode(), "the code is not shown");
            assertEquals(HostResponse.DO_NOT_HONOUR.message(), p.message().orElseThrow());
            rig.spooler.printOwed();
            String slip = rig.printer.slips.get(0);
            // The date and time line may hold "41" by chance (03:41:04); no other line may.
            assertFalse(slip.lines().filter(l -> !l.startsWith("日期时间")).anyMatch(l -> l.contains("41")), slip);
            assertFalse(slip.contains("应答码"), "no response code line: " + slip);
            assertFalse(slip.contains("挂失"), slip);
            assertTrue(slip.contains(HostResponse.DO_NOT_HONOUR.message().chinese()), slip);
            assertEquals(Optional.of("41"), rig.journal.read(c -> PaymentTable.find(c, p.paymentId())).orElseThrow()
                    .card().flatMap(CardDetails::responseCode), "the journal keeps the code");
            assertTrue(rig.journal.read(c -> PaymentTable.history(c, p.paymentId())).stream()
                    .anyMatch(h -> h.contains("41") && h.contains("lost")), "and says what it means");
        }
    }

    @Test
    void aMessageThatSaysCallSupportCarriesTheSupportContact() throws Exception {
        try (EngineRig rig = new EngineRig(dir, false)) {
            Payment p = declinedWith(rig, "96");

            assertTrue(p.message().orElseThrow().english().endsWith("call support. Support: " + EngineRig.SUPPORT + "."),
                    p.message().orElseThrow().english());
            assertTrue(p.message().orElseThrow().chinese().endsWith("技术支持：" + EngineRig.SUPPORT + "。"));
        }
    }
}
