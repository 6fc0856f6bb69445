package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostMessages;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.journal.AdviceRow;
import dev.posterm.core.journal.AdviceTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.core.status.LinkMonitor;
import dev.posterm.core.testing.ManualClock;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.HostDecision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selling while the host cannot be reached, and the advices that settle it later. */
class OfflineSaleTest {
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

    private Payment offlineSale(String order, long amount) throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        return rig.payByCard(order, amount);
    }

    @Test
    void anUnreachableHostMeansAnOfflineApprovalThatIsAdvisedOnceTheHostIsBack() throws Exception {
        rig.host.answer = r -> new HostReply.Unreachable("connection refused");

        Payment p = offlineSale("o-1", 1250);

        assertEquals(PaymentState.APPROVED_OFFLINE, p.state());
        assertTrue(p.authCode().orElseThrow().matches("Y3\\d{4}"), p.authCode().toString());
        assertEquals(HostDecision.UNABLE_TO_GO_ONLINE, rig.reader.told.get(0).decision());
        assertEquals(OrderState.PAID, rig.engine.order("o-1").orElseThrow().state());
        assertEquals(1, pending().size());

        List<TerminalEvent.QueueChanged> queueEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        rig.events.subscribe(e -> {
            if (e instanceof TerminalEvent.QueueChanged q) {
                queueEvents.add(q);
            }
        });
        rig.host.answer = FakeHost::approve;
        assertTrue(rig.saf.forwardNow());
        assertEquals(0, queueEvents.get(queueEvents.size() - 1).count(), "the event stream hears the queue emptied");

        IsoMessage advice = rig.host.requests.stream().filter(m -> m.mti().equals("0220")).findFirst().orElseThrow();
        assertEquals(p.stan(), advice.field(11));
        assertEquals(p.authCode(), advice.field(38));
        assertEquals(Optional.of("000000001250"), advice.field(4));
        assertTrue(advice.has(35) && advice.has(55), "the advice carries the card data the issuer needs");
        AdviceRow settled = rig.journal.read(AdviceTable::all).get(0);
        assertEquals("SETTLED", settled.state());
        assertTrue(settled.sealedCard().isEmpty(), "card data is deleted once the host has it");
        assertTrue(rig.saf.forwardNow());
        assertEquals(1, rig.host.requests.stream().filter(m -> m.mti().startsWith("022")).count(), "exactly once");
    }

    @Test
    void aSaleAboveTheFloorIsRefusedWithAReasonTheCashierCanAct() throws Exception {
        rig.host.answer = r -> new HostReply.Unreachable("connection refused");
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));

        Payment p = rig.payByCard("o-2", 20_001);

        assertEquals(PaymentState.FAILED, p.state());
        assertEquals(Optional.of(ErrorCode.OFFLINE_FLOOR_EXCEEDED), p.errorCode());
        assertEquals(HostDecision.TERMINAL_DECLINES_OFFLINE, rig.reader.told.get(0).decision());
        assertTrue(pending().isEmpty());
        assertTrue(rig.journal.read(c -> dev.posterm.core.journal.PaymentTable.history(c, p.paymentId())).stream()
                .anyMatch(step -> step.contains("offline floor 20000")), "the journal keeps the reason");
    }

    @Test
    void aLinkKnownToBeDownSkipsTheHostAndTheCashierWaitsForNoTimeout() throws Exception {
        rig.link = EngineRig.view(LinkMonitor.State.OFFLINE);

        Payment p = offlineSale("o-3", 900);

        assertEquals(PaymentState.APPROVED_OFFLINE, p.state());
        assertTrue(rig.host.requests.isEmpty(), "no 0200 was tried");
        assertFalse(rig.reader.started.get(0).onlineCapable(), "the card is told the terminal is offline");
    }

    @Test
    void aTimedOutSaleApprovedOfflineIsReversedFirstThenAdvisedWithTheSameStan() throws Exception {
        rig.host.answer = r -> r.mti().equals("0200") ? new HostReply.NoAnswer(Duration.ofSeconds(2))
                : new HostReply.Unreachable("down");

        Payment p = offlineSale("o-4", 1500);

        assertEquals(PaymentState.APPROVED_OFFLINE, p.state());
        rig.host.answer = FakeHost::approve;
        assertTrue(rig.saf.forwardNow());
        assertEquals(List.of("0200", "0400", "0220"), rig.host.mtis());
        assertEquals(rig.host.requests.get(0).field(11), rig.host.requests.get(2).field(11));
    }

    @Test
    void aLostAnswerIsRepeatedAs0221WithTheSameStanAndField7() throws Exception {
        ManualClock clock = new ManualClock(java.time.Instant.now());
        rig.close();
        rig = new EngineRig(dir, false, clock);   // the repeat time comes when the test says
        rig.host.answer = r -> new HostReply.Unreachable("down");
        offlineSale("o-5", 700);
        rig.host.answer = r -> r.mti().startsWith("022") ? new HostReply.NoAnswer(Duration.ofSeconds(2)) : FakeHost.approve(r);
        assertFalse(rig.saf.forwardNow(), "the advice is still owed");
        assertTrue(rig.saf.forwardNow(), "nothing is due before the repeat time");

        clock.advance(Duration.ofMillis(100));   // repeat_first in the rig; its jitter only shortens the wait
        rig.host.answer = FakeHost::approve;
        assertTrue(rig.saf.forwardNow());

        List<IsoMessage> advices = rig.host.requests.stream().filter(m -> m.mti().startsWith("022")).toList();
        assertEquals(List.of("0220", "0221"), advices.stream().map(IsoMessage::mti).toList());
        assertEquals(advices.get(0).field(7), advices.get(1).field(7));
        assertEquals(advices.get(0).field(11), advices.get(1).field(11));
    }

    @Test
    void aLaterSaleNeverOvertakesAnAdviceWhoseAnswerWasLostBeyondTheWindow() throws Exception {
        rig.host.answer = r -> new HostReply.Unreachable("down");
        String first = offlineSale("o-6", 700).stan().orElseThrow();
        String second = offlineSale("o-7", 800).stan().orElseThrow();
        String third = offlineSale("o-8", 900).stan().orElseThrow();
        // A host whose answers overlap, as on a real connection: the first advice's answer is lost
        // (it times out after 300 ms) while the others are answered within 20 ms.
        OverlappingHost host = new OverlappingHost();
        java.util.concurrent.atomic.AtomicBoolean lose = new java.util.concurrent.atomic.AtomicBoolean(true);
        host.answer = r -> lose.getAndSet(false) ? new HostReply.NoAnswer(Duration.ofMillis(300)) : FakeHost.approve(r);
        ManualClock clock = new ManualClock(java.time.Instant.now());
        dev.posterm.core.saf.StoreAndForward saf = new dev.posterm.core.saf.StoreAndForward(rig.journal, host,
                new HostMessages(rig.terminal), rig.vault, rig.reversals, rig.alerts, rig.events, clock,
                Duration.ofMillis(300), new dev.posterm.config.PostermConfig.Saf(2, Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofHours(12)), Duration.ofHours(72));

        assertFalse(saf.forwardNow(), "the first advice is still owed");
        assertEquals(List.of(first, second), host.stans(), "window 2: the second went with it, the third waited"
                + " for the first's answer, which never came, and stayed");
        assertTrue(saf.forwardNow(), "nothing is due before the first one's repeat time");
        assertEquals(List.of(first, second), host.stans(), "nobody overtakes it while it waits");

        clock.advance(Duration.ofSeconds(11));   // past repeat_first with its jitter
        assertTrue(saf.forwardNow());
        assertEquals(List.of(first, second, first, third), host.stans());
        assertEquals(List.of("0220", "0220", "0221", "0220"), host.requests.stream().map(IsoMessage::mti).toList(),
                "only the one that left before is a repeat");
        assertTrue(rig.journal.read(AdviceTable::all).stream().allMatch(a -> "SETTLED".equals(a.state())));
    }

    /** A host link whose replies come later, on another thread, as HostSession's do. */
    static final class OverlappingHost implements dev.posterm.core.hostlink.HostLink {
        final List<IsoMessage> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile java.util.function.Function<IsoMessage, HostReply> answer = FakeHost::approve;

        @Override
        public java.util.concurrent.CompletableFuture<HostReply> send(IsoMessage request, Duration timeout) {
            requests.add(request);
            HostReply reply = answer.apply(request);
            long delay = reply instanceof HostReply.NoAnswer ? timeout.toMillis() : 20;
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> reply,
                    java.util.concurrent.CompletableFuture.delayedExecutor(delay, java.util.concurrent.TimeUnit.MILLISECONDS));
        }

        @Override
        public HostReply exchange(IsoMessage request, Duration timeout) {
            return send(request, timeout).join();
        }

        List<String> stans() {
            return requests.stream().map(m -> m.field(11).orElseThrow()).toList();
        }

        @Override
        public void start() {
        }

        @Override
        public dev.posterm.core.hostlink.HostLinkHealth health() {
            return new dev.posterm.core.hostlink.HostLinkHealth(true, "overlapping:0", java.time.Instant.EPOCH, 0,
                    Optional.empty(), 0, 0, Optional.empty());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anAdviceTheHostDeclinesIsMarkedAndRaisesAnAlert() throws Exception {
        rig.host.answer = r -> new HostReply.Unreachable("down");
        offlineSale("o-6", 800);
        rig.host.answer = r -> FakeHost.answer(r, "05");

        assertTrue(rig.saf.forwardNow());

        assertEquals("DECLINED", rig.journal.read(AdviceTable::all).get(0).state());
        assertEquals("ADVICE_DECLINED", rig.alerts.open().get(0).code());
    }

    @Test
    void aCrashBeforeTheCardsFinalAnswerNeverAdvisesTheSale() throws Exception {
        rig.host.answer = r -> new HostReply.Unreachable("down");
        offlineSale("o-7", 600);
        rig.close();
        // As a crash between the offline decision and the card's answer would leave it:
        rig = new EngineRig(dir, false);
        rig.journal.inTransaction(c -> dev.posterm.core.journal.JournalSql.jdbc(c).createStatement().executeUpdate(
                "UPDATE advices SET state = 'TENTATIVE'; UPDATE payments SET step = 'OFFLINE_DECIDED', state = 'PENDING'"));

        new Recovery(rig.book, rig.clock).run();

        assertTrue(rig.journal.read(AdviceTable::all).isEmpty(), "the tentative advice is discarded");
        PaymentRow p = rig.journal.read(c -> dev.posterm.core.journal.PaymentTable.unfinished(c)).stream().findAny()
                .orElse(null);
        assertEquals(null, p, "nothing left unfinished");
    }

    @Test
    void theJournalHoldsTheCardDataOnlySealed() throws Exception {
        rig.host.answer = r -> new HostReply.Unreachable("down");
        offlineSale("o-8", 1250);
        rig.close();

        for (String name : List.of("journal.db", "journal.db-wal")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(EngineRig.TEST_PAN), name + " holds the PAN in clear");
            }
        }
        rig = new EngineRig(dir, false);
    }

    private List<AdviceRow> pending() {
        return rig.journal.read(AdviceTable::pending);
    }
}
