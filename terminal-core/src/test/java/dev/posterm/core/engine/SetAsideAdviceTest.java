package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.Iso8583Codec;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.AdviceRow;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.AlertTable;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.payment.SafItem;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.Tlv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One advice that cannot be sent (its card data does not open, its row was altered, it cannot be
 * encoded) is set aside as UNREADABLE with an alert, and never stops the advices after it.
 */
class SetAsideAdviceTest {
    @TempDir
    Path dir;
    EngineRig rig;

    @BeforeEach
    void open() {
        rig = new EngineRig(dir, false);
        rig.host.answer = r -> new HostReply.Unreachable("connection refused");
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private String offlineSale(String order, long amount, CardRead card) throws Exception {
        rig.reader.starts.add(card);
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        Payment p = rig.payByCard(order, amount);
        assertEquals(PaymentState.APPROVED_OFFLINE, p.state(), p.toString());
        return p.stan().orElseThrow();
    }

    private String offlineSale(String order, long amount) throws Exception {
        return offlineSale(order, amount, EngineRig.chipCard(Cid.ARQC));
    }

    private static CardRead otherCard() {
        CardRead c = EngineRig.chipCard(Cid.ARQC);
        String pan = "5413330089010434";
        return new CardRead(java.util.Optional.of(dev.posterm.drivers.reader.Pan.of(pan)), c.expiry(),
                java.util.Optional.of(dev.posterm.drivers.reader.Track2.of(pan + "D30122011234567800000")),
                c.panSequence(), c.cid(), c.entryMode(), c.aid(), c.applicationLabel(), c.iccData());
    }

    private void alter(String stan, String sql) {
        rig.journal.inTransaction(c -> {
            try (var ps = dev.posterm.core.journal.JournalSql.jdbc(c).prepareStatement(sql + " WHERE stan = ?")) {
                ps.setInt(1, Integer.parseInt(stan));
                return ps.executeUpdate();
            }
        });
    }

    private void rotOneBit(String stan) {
        AdviceRow row = rig.journal.read(AdviceTable::all).stream()
                .filter(a -> a.stan() == Integer.parseInt(stan)).findFirst().orElseThrow();
        byte[] sealed = row.sealedCard().orElseThrow();
        sealed[sealed.length / 2] ^= 0x04;
        rig.journal.inTransaction(c -> {
            try (var ps = dev.posterm.core.journal.JournalSql.jdbc(c).prepareStatement("UPDATE advices SET sealed_card = ? WHERE id = ?")) {
                ps.setBytes(1, sealed);
                ps.setLong(2, row.id());
                return ps.executeUpdate();
            }
        });
    }

    private List<String> adviceStans() {
        return rig.host.requests.stream().filter(m -> m.mti().startsWith("022")).map(m -> m.field(11).orElseThrow())
                .toList();
    }

    private String state(String stan) {
        return rig.journal.read(AdviceTable::all).stream().filter(a -> a.stan() == Integer.parseInt(stan))
                .findFirst().orElseThrow().state();
    }

    private AlertTable.Open alert(String code) {
        return rig.journal.read(AlertTable::open).stream().filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " alert is open"));
    }

    @Test
    void anAdviceWhoseSealedCardDataRottedIsSetAsideAndTheOnesAfterItGoOnInOrder() throws Exception {
        String first = offlineSale("o-1", 700);
        String second = offlineSale("o-2", 800);
        String third = offlineSale("o-3", 900);
        rotOneBit(second);
        rig.host.answer = FakeHost::approve;

        assertTrue(rig.saf.forwardNow(), "nothing sendable is left");

        assertEquals(List.of(first, third), adviceStans(), "the advices after the bad one went, in sale order");
        assertEquals(List.of("SETTLED", "UNREADABLE", "SETTLED"), List.of(state(first), state(second), state(third)));
        String detail = alert("ADVICE_UNREADABLE").detail();
        assertTrue(detail.contains("1 offline sale, 800 in minor units"), detail);
        assertFalse(detail.contains(EngineRig.TEST_PAN), detail);
        SafItem listed = rig.engine.safItems().stream().filter(i -> i.stan().equals(second)).findFirst().orElseThrow();
        assertEquals("UNREADABLE", listed.state());
        assertEquals(800, listed.amount());
        assertEquals("************0119", listed.maskedPan());

        assertTrue(rig.saf.forwardNow());
        assertEquals(List.of(first, third), adviceStans(), "a set-aside advice is not tried again every round");
    }

    @Test
    void aRowWhoseAmountStanOrAuthCodeWasChangedDoesNotOpenItsCardDataAndIsSetAside() throws Exception {
        String amount = offlineSale("o-1", 700);
        String stan = offlineSale("o-2", 800);
        String auth = offlineSale("o-3", 900);
        String untouched = offlineSale("o-4", 1000, otherCard());   // three per card is the rig's limit
        alter(amount, "UPDATE advices SET amount = 70000");
        alter(auth, "UPDATE advices SET auth_code = 'Y39999'");
        alter(stan, "UPDATE advices SET stan = 999");
        rig.host.answer = FakeHost::approve;

        assertTrue(rig.saf.forwardNow());

        assertEquals(List.of(untouched), adviceStans(), "only the row the card data was sealed for is advised");
        List<String> states = rig.journal.read(AdviceTable::all).stream().map(AdviceRow::state).toList();
        assertEquals(List.of("UNREADABLE", "UNREADABLE", "UNREADABLE", "SETTLED"), states);
        assertTrue(alert("ADVICE_UNREADABLE").detail().contains("3 offline sales, 71700 in minor units"),
                alert("ADVICE_UNREADABLE").detail());
    }

    @Test
    void anAdviceWithABadFieldIsSetAsideAndTheNextGoes() throws Exception {
        String first = offlineSale("o-1", 700);
        String second = offlineSale("o-2", 800);
        alter(first, "UPDATE advices SET entry_mode = 'TELEPATHY'");
        rig.host.answer = FakeHost::approve;

        assertTrue(rig.saf.forwardNow());

        assertEquals(List.of(second), adviceStans());
        assertEquals("UNREADABLE", state(first));
        assertEquals("SETTLED", state(second));
    }

    @Test
    void anAdviceWhoseField55IsTooLongForItsLllvarIsSetAsideBeforeAByteLeaves() throws Exception {
        String first = offlineSale("o-1", 700);
        CardRead normal = EngineRig.chipCard(Cid.ARQC);
        List<Tlv> icc = new ArrayList<>(normal.iccData());
        icc.add(new Tlv(0x9F7C, new byte[600]));   // customer exclusive data: 1,200+ hex characters in field 55
        CardRead chatty = new CardRead(normal.pan(), normal.expiry(), normal.track2(), normal.panSequence(),
                normal.cid(), normal.entryMode(), normal.aid(), normal.applicationLabel(), icc);
        String second = offlineSale("o-2", 800, chatty);
        String third = offlineSale("o-3", 900);
        Iso8583Codec codec = new Iso8583Codec();
        List<IsoMessage> onTheWire = new java.util.concurrent.CopyOnWriteArrayList<>();
        rig.host.answer = r -> {
            codec.encode(r);   // as HostSession does before writing: throws for a field that does not fit
            onTheWire.add(r);
            return FakeHost.approve(r);
        };

        assertTrue(rig.saf.forwardNow());

        assertEquals(List.of(first, third), onTheWire.stream().map(m -> m.field(11).orElseThrow()).toList());
        assertEquals("UNREADABLE", state(second));
        assertEquals("SETTLED", state(third));
        assertTrue(alert("ADVICE_UNREADABLE").detail().contains("field 55"), alert("ADVICE_UNREADABLE").detail());
    }

    @Test
    void aDataKeyMadeAtStartWhileAdvicesWaitMarksThemLostAloudAndNewSalesStillGo() throws Exception {
        String first = offlineSale("o-1", 700);
        String second = offlineSale("o-2", 800);
        rig.close();
        java.nio.file.Files.delete(dir.resolve("keys").resolve("card-data.key"));   // lost with a bad SD card, say
        rig = new EngineRig(dir, false);
        rig.host.answer = r -> new HostReply.Unreachable("connection refused");

        rig.saf.checkDataKey();

        assertEquals(List.of("LOST", "LOST"), List.of(state(first), state(second)));
        String detail = alert("ADVICE_LOST").detail();
        assertTrue(detail.contains("2 offline sales, 1500 in minor units"), detail);
        assertTrue(rig.engine.safItems().stream().allMatch(i -> "LOST".equals(i.state())
                && i.setAsideReason().orElseThrow().contains("new card data key")), rig.engine.safItems().toString());
        String third = offlineSale("o-3", 900);   // sealed under the new key
        rig.host.answer = FakeHost::approve;
        assertTrue(rig.saf.forwardNow());
        assertEquals(List.of(third), adviceStans(), "the lost ones are not tried; the new sale goes");
    }

    @Test
    void anUnreadableAdviceGoesBackIntoTheQueueOnceTheRightKeyIsRestored() throws Exception {
        String first = offlineSale("o-1", 700);
        java.nio.file.Path key = dir.resolve("keys").resolve("card-data.key");
        byte[] right = java.nio.file.Files.readAllBytes(key);
        rig.close();
        java.nio.file.Files.write(key, new byte[32]);   // the wrong backup restored
        rig = new EngineRig(dir, false);
        rig.host.answer = FakeHost::approve;
        assertTrue(rig.saf.forwardNow());
        assertEquals("UNREADABLE", state(first));
        rig.close();
        java.nio.file.Files.write(key, right);   // the right one
        rig = new EngineRig(dir, false);

        rig.saf.checkDataKey();
        assertTrue(rig.saf.forwardNow());

        assertEquals("SETTLED", state(first));
        assertEquals(List.of(first), adviceStans());
    }
}
