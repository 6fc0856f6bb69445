package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.core.payment.Money;
import dev.posterm.core.payment.NewOrder;
import dev.posterm.core.payment.NewPayment;
import dev.posterm.core.payment.Order;
import dev.posterm.core.payment.OrderState;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentMethod;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.EntryMode;
import dev.posterm.drivers.reader.HostDecision;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import dev.posterm.printer.status.PrinterStatus;
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

class PaymentEngineTest {
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
    void approvedSaleIsPaidJournaledAndPrintsTwoSlips() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));

        Payment p = rig.payByCard("order-1", 1250);

        assertEquals(PaymentState.APPROVED, p.state());
        assertEquals(Optional.of("A1B2C3"), p.authCode());
        assertEquals(Optional.of("000001"), p.stan());
        assertEquals(Optional.of("************0119"), p.maskedPan());
        assertEquals(OrderState.PAID, rig.engine.order("order-1").orElseThrow().state());
        IsoMessage sent = rig.host.requests.get(0);
        assertEquals("0200", sent.mti());
        assertEquals(Optional.of("000000001250"), sent.field(4));
        assertEquals(Optional.of("156"), sent.field(49));
        assertEquals(Optional.of("051"), sent.field(22));
        assertTrue(sent.field(55).orElseThrow().contains("9F0206000000001250"), "field 55 carries the amount");
        assertEquals(HostDecision.HOST_APPROVED, rig.reader.told.get(0).decision());

        rig.spooler.printOwed();
        assertEquals(2, rig.printer.slips.size());
        assertTrue(rig.printer.slips.get(0).contains("MERCHANT COPY"));
        assertTrue(rig.printer.slips.get(1).contains("CUSTOMER COPY"));
        for (String slip : rig.printer.slips) {
            assertTrue(slip.contains("CNY 12.50"), slip);
            assertTrue(slip.contains("0119"), slip);
            assertFalse(slip.contains("476173"), "no more than the last four digits on a slip");
            assertTrue(slip.contains("APPROVED"), slip);
        }
    }

    @Test
    void aSwipedCardGoesOnlineWithTrack2AndWithoutChipData() throws Exception {
        for (EntryMode mode : List.of(EntryMode.MAGSTRIPE, EntryMode.FALLBACK_SWIPE)) {
            rig.reader.starts.add(EngineRig.swipedCard(mode));
            rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));

            Payment p = rig.payByCard("swipe-" + mode, 800);

            assertEquals(PaymentState.APPROVED, p.state());
            IsoMessage sent = rig.host.requests.get(rig.host.requests.size() - 1);
            assertEquals(Optional.of(mode.posEntryMode()), sent.field(22));
            assertTrue(sent.field(35).isPresent(), "track 2 equivalent");
            assertEquals(Optional.empty(), sent.field(55), "a swipe has no chip data to send");
        }
    }

    @Test
    void theIssuersAuthenticationDataReachesTheCard() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        // field 55 of the 0210: 91 (issuer authentication data, 10 bytes) and 8A, as upper-case hex
        rig.host.answer = r -> {
            HostReply.Answered a = (HostReply.Answered) FakeHost.approve(r);
            return new HostReply.Answered(a.response().with(55, "910A11223344556677880000" + "8A023030"),
                    a.roundTrip());
        };

        rig.payByCard("order-iad", 1250);

        byte[] iad = rig.reader.told.get(0).issuerAuthData().orElseThrow();
        assertEquals("11223344556677880000", java.util.HexFormat.of().withUpperCase().formatHex(iad));
    }

    @Test
    void aMalformedField55InTheAnswerDoesNotSpoilTheApproval() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.host.answer = r -> {
            HostReply.Answered a = (HostReply.Answered) FakeHost.approve(r);
            return new HostReply.Answered(a.response().with(55, "91FF12"), a.roundTrip());
        };

        assertEquals(PaymentState.APPROVED, rig.payByCard("order-bad55", 1250).state());
        assertTrue(rig.reader.told.get(0).issuerAuthData().isEmpty());
    }

    @Test
    void hostDeclineIsToldToTheCardAndPrintsOneDeclineSlip() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.AAC, List.of()));
        rig.host.answer = r -> FakeHost.answer(r, "51");

        Payment p = rig.payByCard("order-2", 5100);

        assertEquals(PaymentState.DECLINED, p.state());
        assertEquals(Optional.of("51"), p.responseCode());
        assertEquals(Optional.of(ErrorCode.HOST_DECLINED), p.errorCode());
        assertEquals(HostDecision.HOST_DECLINED, rig.reader.told.get(0).decision());
        assertEquals("51", rig.reader.told.get(0).responseCode());
        assertEquals(OrderState.UNPAID, rig.engine.order("order-2").orElseThrow().state(), "cashier may try again");
        rig.spooler.printOwed();
        assertEquals(1, rig.printer.slips.size());
        assertTrue(rig.printer.slips.get(0).contains("DECLINED"));
    }

    @Test
    void cardDeclineAtFirstGenerateAcNeverReachesTheHost() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.AAC));

        Payment p = rig.payByCard("order-3", 900);

        assertEquals(PaymentState.DECLINED, p.state());
        assertEquals(Optional.of(ErrorCode.CARD_DECLINED), p.errorCode());
        assertTrue(rig.host.requests.isEmpty());
        assertTrue(rig.reader.told.isEmpty(), "nothing more is sent to the reader after an AAC");
    }

    @Test
    void hostTimeoutQueuesAReversalThatIsDeliveredWithTheSaleStan() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.AAC, List.of()));   // and the card will not go offline
        rig.host.answer = r -> r.mti().equals("0200") ? new HostReply.NoAnswer(Duration.ofSeconds(2)) : FakeHost.approve(r);

        Payment p = rig.payByCard("order-4", 3000);

        assertEquals(PaymentState.DECLINED, p.state());
        assertEquals(Optional.of(ErrorCode.CARD_DECLINED_OFFLINE), p.errorCode());
        assertEquals(HostDecision.UNABLE_TO_GO_ONLINE, rig.reader.told.get(0).decision(), "offline was tried");
        assertEquals(1, rig.reversals.pendingCount());

        assertTrue(rig.reversals.deliverAll());

        assertEquals(List.of("0200", "0400"), rig.host.mtis());
        IsoMessage sale = rig.host.requests.get(0);
        IsoMessage reversal = rig.host.requests.get(1);
        assertEquals(sale.field(11), reversal.field(11), "a reversal keeps the sale's STAN");
        assertEquals(Optional.of("0200" + sale.field(11).get() + sale.field(7).get() + "0".repeat(22)),
                reversal.field(90));
        assertFalse(reversal.has(2) || reversal.has(35), "no card data in a reversal");
        assertEquals(0, rig.reversals.pendingCount());
    }

    @Test
    void anOwedReversalGoesBeforeTheNextSaleAndItsRepeatIs0401WithTheSameField7() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.AAC, List.of()));
        rig.host.answer = r -> new HostReply.NoAnswer(Duration.ofSeconds(2));
        rig.payByCard("order-5", 1000);

        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.AAC, List.of()));
        Payment second = rig.payByCard("order-6", 2000);
        assertEquals(PaymentState.DECLINED, second.state(), "no new 0200 while a reversal is owed");
        assertEquals(List.of("0200", "0400"), rig.host.mtis());

        rig.host.answer = FakeHost::approve;
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        Payment third = rig.payByCard("order-6", 2000);

        assertEquals(PaymentState.APPROVED, third.state());
        assertEquals(List.of("0200", "0400", "0401", "0200"), rig.host.mtis());
        assertEquals(rig.host.requests.get(1).field(7), rig.host.requests.get(2).field(7), "a repeat keeps field 7");
        assertEquals(Optional.of("000003"), rig.host.requests.get(3).field(11),
                "a new STAN: 000002 went to the second sale's offline decision");
    }

    @Test
    void cardDecliningAfterHostApprovalIsReversed() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.AAC, List.of()));

        Payment p = rig.payByCard("order-7", 4200);

        assertEquals(PaymentState.REVERSED, p.state());
        assertEquals(1, rig.reversals.pendingCount());
        assertTrue(rig.reversals.deliverAll());
        assertEquals(Optional.of("000000000042"), rig.host.requests.get(1).field(37), "the reversal echoes the RRN");
    }

    @Test
    void cardPulledOutAfterHostApprovalIsReversed() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new ReaderError(ReaderErrorCode.CARD_REMOVED));

        Payment p = rig.payByCard("order-8", 4200);

        assertEquals(PaymentState.REVERSED, p.state());
        assertEquals(Optional.of(ErrorCode.CARD_REMOVED), p.errorCode());
        assertEquals(1, rig.reversals.pendingCount());
    }

    @Test
    void aCancelThatMeetsACardTheReaderHasAlreadyDecidedSendsTheReaderNothingMore() throws Exception {
        for (Cid decided : List.of(Cid.TC, Cid.AAC)) {
            rig.reader.holdStart = new java.util.concurrent.CountDownLatch(1);
            rig.reader.starts.add(EngineRig.chipCard(decided));
            String orderId = "cancel-" + decided;
            rig.engine.createOrder(new NewOrder(Optional.of(orderId), new Money(700, "CNY"), Optional.empty(),
                    Optional.empty()));
            Payment started = rig.engine.startPayment(orderId, new NewPayment(PaymentMethod.CARD, Optional.empty(),
                    Optional.empty()), Optional.empty());
            int startsSoFar = decided == Cid.TC ? 1 : 2;
            dev.posterm.core.testing.Await.until("the reader to be reading the " + decided + " card",
                    () -> rig.reader.started.size() == startsSoFar);
            rig.engine.cancelPayment(started.paymentId());
            rig.reader.holdStart.countDown();

            Payment p = rig.engine.awaitPayment(started.paymentId(), Duration.ofSeconds(10)).orElseThrow();
            assertEquals(Optional.of(ErrorCode.CANCELLED), p.errorCode(), p.toString());
            assertTrue(rig.reader.told.isEmpty(), "after " + decided + " the reader expects no A (flow 2)");
            assertTrue(rig.host.requests.isEmpty(), "and the host hears nothing");
        }
    }

    @Test
    void aReceiptCopyPrintsMarkedAsACopyAsOftenAsAsked() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        Payment paid = rig.payByCard("copy-1", 1250);
        rig.spooler.printOwed();
        assertEquals(2, rig.printer.slips.size());

        rig.engine.printCopy(paid.paymentId());
        rig.engine.printCopy(paid.paymentId());   // asked twice before the printer got to it: one copy
        rig.spooler.printOwed();
        assertEquals(3, rig.printer.slips.size());
        String copy = rig.printer.slips.get(2);
        assertTrue(copy.contains("COPY - REPRINT"), copy);
        assertTrue(copy.contains("CNY 12.50") && copy.contains("0119") && !copy.contains("476173"), copy);

        rig.engine.printCopy(paid.paymentId());
        rig.spooler.printOwed();
        assertEquals(4, rig.printer.slips.size(), "asked again after it printed: printed again");
    }

    @Test
    void aPaymentWithoutASlipHasNoCopyToPrint() throws Exception {
        rig.reader.starts.add(new ReaderError(ReaderErrorCode.NO_CARD));
        Payment noCard = rig.payByCard("copy-2", 900);
        Refused refused = assertThrows(Refused.class, () -> rig.engine.printCopy(noCard.paymentId()));
        assertEquals(ErrorCode.NO_RECEIPT_TO_COPY, refused.code());
        assertEquals(ErrorCode.PAYMENT_NOT_FOUND,
                assertThrows(Refused.class, () -> rig.engine.printCopy("pay-nope")).code());
    }

    @Test
    void slipsWaitForPaperAndPrintWhenItIsBack() throws Exception {
        rig.printer.status = new PrinterStatus.PaperOut();
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.payByCard("order-9", 1250);

        rig.spooler.printOwed();
        assertTrue(rig.printer.slips.isEmpty());
        assertEquals(2, rig.spooler.owedCount());
        assertEquals("PRINTER_NOT_READY", rig.alerts.open().get(0).code());

        rig.printer.status = new PrinterStatus.Ready(false);
        rig.spooler.printOwed();
        assertEquals(2, rig.printer.slips.size());
        assertEquals(0, rig.spooler.owedCount());
        assertTrue(rig.alerts.open().isEmpty(), "the alert clears once the slips are out");
    }

    @Test
    void ordersAreIdempotentByIdAndRefuseConflicts() throws Exception {
        NewOrder order = new NewOrder(Optional.of("same"), new Money(500, "CNY"), Optional.of("tea"), Optional.empty());
        Order first = rig.engine.createOrder(order);
        Order again = rig.engine.createOrder(order);
        assertEquals(first.createdAt(), again.createdAt());

        Refused conflict = assertThrows(Refused.class, () -> rig.engine.createOrder(
                new NewOrder(Optional.of("same"), new Money(600, "CNY"), Optional.of("tea"), Optional.empty())));
        assertEquals(ErrorCode.ORDER_CONFLICT, conflict.code());
        Refused currency = assertThrows(Refused.class, () -> rig.engine.createOrder(
                new NewOrder(Optional.empty(), new Money(600, "USD"), Optional.empty(), Optional.empty())));
        assertEquals(ErrorCode.CURRENCY_MISMATCH, currency.code());
    }

    @Test
    void theSameIdempotencyKeyStartsOnePayment() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.engine.createOrder(new NewOrder(Optional.of("o"), new Money(100, "CNY"), Optional.empty(), Optional.empty()));
        NewPayment card = new NewPayment(PaymentMethod.CARD, Optional.empty(), Optional.empty());

        Payment a = rig.engine.startPayment("o", card, Optional.of("key-1"));
        rig.engine.awaitPayment(a.paymentId(), Duration.ofSeconds(5));
        Payment b = rig.engine.startPayment("o", card, Optional.of("key-1"));

        assertEquals(a.paymentId(), b.paymentId());
        assertEquals(1, rig.host.requests.size(), "one sale reached the host");
    }

    @Test
    void theJournalNeverHoldsTheCardNumberOrTrack2() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        rig.payByCard("order-10", 1250);
        rig.close();

        for (String name : List.of("journal.db", "journal.db-wal")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(EngineRig.TEST_PAN), name + " holds the PAN in clear");
                assertFalse(bytes.contains("D3012201"), name + " holds track 2 in clear");
            }
        }
        rig = new EngineRig(dir, false);
    }

    /**
     * A full disk for real: {@code max_page_count} caps the real journal file where it stands, and
     * orders are taken until one no longer fits (SQLITE_FULL), as on a full flash.
     */
    @Test
    void aFullJournalStopsNewPaymentsWithAnAlertKeepsWhatIsStoredAndPaymentsResumeWhenThereIsRoom() throws Exception {
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        Payment before = rig.payByCard("before", 1250);
        List<TerminalEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        rig.engine.subscribe(heard::add);
        capTheFileWhereItStands();

        Refused full = null;
        for (int i = 0; i < 2_000 && full == null; i++) {
            try {
                rig.engine.createOrder(new NewOrder(Optional.of("fill-" + i), new Money(100, "CNY"),
                        Optional.of("x".repeat(200)), Optional.empty()));
            } catch (Refused e) {
                full = e;
            }
        }
        assertTrue(full != null, "the capped journal never filled");
        assertEquals(ErrorCode.STORAGE_FULL, full.code());
        assertEquals(503, full.code().httpStatus());
        assertEquals(List.of("STORAGE_FULL"), rig.alerts.open().stream().map(a -> a.code()).toList());
        assertTrue(heard.stream().anyMatch(e -> e instanceof TerminalEvent.AlertRaised a && a.code().equals("STORAGE_FULL")));

        Refused stopped = assertThrows(Refused.class, () -> rig.engine.startPayment("fill-0",
                new NewPayment(PaymentMethod.CARD, Optional.empty(), Optional.empty()), Optional.empty()));
        assertEquals(ErrorCode.STORAGE_FULL, stopped.code());
        assertEquals(1, rig.reader.started.size(), "the reader was not asked for a card");
        assertEquals(PaymentState.APPROVED, rig.engine.payment(before.paymentId()).orElseThrow().state(),
                "what was committed before is still there");
        assertEquals(OrderState.UNPAID, rig.engine.order("fill-0").orElseThrow().state());

        rig.journal.read(c -> dev.posterm.core.journal.JournalSql.jdbc(c).createStatement().execute("PRAGMA max_page_count = 1073741823"));   // room again
        rig.reader.starts.add(EngineRig.chipCard(Cid.ARQC));
        rig.reader.finals.add(new CardFinal(Cid.TC, List.of()));
        Payment after = rig.engine.startPayment("fill-0", new NewPayment(PaymentMethod.CARD, Optional.empty(),
                Optional.empty()), Optional.empty());
        assertEquals(PaymentState.APPROVED, rig.engine.awaitPayment(after.paymentId(), Duration.ofSeconds(10))
                .orElseThrow().state());
        assertTrue(rig.alerts.open().isEmpty(), "the alert cleared once a write went through");
        assertTrue(heard.stream().anyMatch(e -> e instanceof TerminalEvent.AlertCleared a && a.code().equals("STORAGE_FULL")));
    }

    private void capTheFileWhereItStands() {
        rig.journal.read(c -> {
            try (var s = dev.posterm.core.journal.JournalSql.jdbc(c).createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                int pages = rs.getInt(1);
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }
}
