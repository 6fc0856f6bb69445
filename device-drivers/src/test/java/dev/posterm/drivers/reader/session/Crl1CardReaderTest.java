package dev.posterm.drivers.reader.session;

import dev.posterm.drivers.io.TcpTransport;
import dev.posterm.drivers.reader.Authorisation;
import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.Cid;
import dev.posterm.drivers.reader.FinalOutcome;
import dev.posterm.drivers.reader.HostDecision;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import dev.posterm.drivers.reader.ReaderInfo;
import dev.posterm.drivers.reader.ReaderUnavailable;
import dev.posterm.drivers.reader.StartOutcome;
import dev.posterm.drivers.reader.StartTransaction;
import dev.posterm.drivers.reader.TransactionType;
import dev.posterm.drivers.reader.link.LinkSettings;
import dev.posterm.drivers.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against a scripted reader over real TCP loopback. Every frame below is written out
 * by hand from the spec (STX LEN SEQ TYPE BODY ETX LRC). Reader SEQs count from 0 after each open.
 */
class Crl1CardReaderTest {
    // 02 0002 00 'P' 03 51: our first frame after opening, SEQ 0
    static final String P_SEQ0 = "02000200500351";
    // 02 0002 02 'P' 03 53: first frame after the reopening (P0, S1 went before)
    static final String P_SEQ2 = "02000202500353";
    // 02 0002 03 'P' 03 52
    static final String P_SEQ3 = "02000203500352";
    // p seq 0: DF01 04 "1.20" | DF02 03 "SN1" | DF03 01 00 (idle)
    static final String PONG_SEQ0 = "0200130070DF0104312E3230DF0203534E31DF0301000388";
    // p seq 0 as above but DF03 01 (in transaction): LRC 88 ^ 01 = 89
    static final String PONG_BUSY_SEQ0 = "0200130070DF0104312E3230DF0203534E31DF0301010389";
    // 02 0002 01 'X' 03 58: X as our second frame (LRC 00^02^01^58^03)
    static final String CANCEL_SEQ1 = "02000201580358";
    static final String PONG_SEQ1 = "0200130170DF0104312E3230DF0203534E31DF0301000389";
    // S seq 1: 9F02 06 000000001250 | 5F2A 02 0156 | 9C 01 00 | 9A 03 260314 | 9F21 03 093005
    //          DF10 01 1E | DF11 01 01                               LEN 0x26, LRC 24
    static final String START_SEQ1 = "02002601539F02060000000012505F2A0201569C01009A032603149F2103093005"
            + "DF10011EDF1101010324";
    // C seq 1: the body of CodecTest.CARD_READ_BODY (PAN 4761739001010119, ARQC, chip)  LEN 0x4E
    static final String CARD_SEQ1 = "02004E01435A0847617390010101195F240325123157104761739001010119"
            + "D25122011234567F5F3401019F270180DF4001018407A00000000310105004564953419F26081122334455667788"
            + "9502000003D1";
    // A seq 2: DF20 01 01 | 8A 02 "00" | 89 06 "123456"
    static final String AUTH_SEQ2 = "0200120241DF2001018A023030890631323334353603AD";
    // A seq 3 (after a reopening: P0 S1 P2): LRC AD ^ 02 ^ 03 = AC
    static final String AUTH_SEQ3 = "0200120341DF2001018A023030890631323334353603AC";
    // F seq 1 (the reader's second frame after the reopening): LRC 1A ^ 02 ^ 01 = 19
    static final String FINAL_SEQ1 = "02001501469F2701409F260888776655443322118A0230300319";
    // F seq 2: 9F27 01 40 | 9F26 08 8877665544332211 | 8A 02 "00"
    static final String FINAL_SEQ2 = "02001502469F2701409F260888776655443322118A023030031A";
    // X seq 2, empty body
    static final String CANCEL_SEQ2 = "0200020258035B";
    // C seq 1 with 9F27 01 80 only: no DF40 (entry mode), which the spec requires   LRC 7E
    static final String CARD_WITHOUT_ENTRY_MODE_SEQ1 = "02000601439F270180037E";
    // E seq 2: DF50 01 01 (card removed)                           LRC CD
    static final String ERROR_REMOVED_SEQ2 = "0200060245DF50010103CD";
    // p seq 3, idle: LRC 88 ^ 03 = 8B
    static final String PONG_SEQ3 = "0200130370DF0104312E3230DF0203534E31DF030100038B";
    // E seq 1: DF50 01 04 (cancelled)
    static final String ERROR_CANCELLED_SEQ1 = "0200060145DF50010403CB";

    static final StartTransaction SALE = new StartTransaction(1250, 156, TransactionType.PURCHASE,
            LocalDateTime.of(2026, 3, 14, 9, 30, 5), 30, true);
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private ScriptedReader fake;
    private Crl1CardReader reader;

    @BeforeEach
    void setUp() throws Exception {
        fake = new ScriptedReader();
        LinkSettings fast = LinkSettings.standard().withReopen(Duration.ofMillis(50), Duration.ofMillis(200));
        reader = new Crl1CardReader(new TcpTransport("127.0.0.1", fake.port()), fast, System::nanoTime,
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        reader.close();
        fake.close();
    }

    /** Connects and answers the driver's opening P; returns once the driver says it is connected. */
    private void connectAndAnswerPing() throws Exception {
        reader.connect();
        fake.accept();
        assertEquals(P_SEQ0, fake.readFrame(), "P is the first frame after opening");
        fake.ack();
        fake.send(PONG_SEQ0);
        fake.expectAck();
        Await.until("connected", () -> reader.health().connected() && reader.health().info().isPresent());
    }

    private CompletableFuture<StartOutcome> startInBackground() {
        return CompletableFuture.supplyAsync(() -> reader.start(SALE, DEADLINE));
    }

    @Test
    void aPurchaseGoesStartCardAuthorisationFinal() throws Exception {
        connectAndAnswerPing();
        assertEquals(Optional.of(new ReaderInfo("1.20", "SN1", false)), reader.health().info());

        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.send(CARD_SEQ1);
        fake.expectAck();
        CardRead card = assertInstanceOf(CardRead.class, started.get(5, TimeUnit.SECONDS));
        assertEquals("4761739001010119", card.pan().orElseThrow().unsafeDigits());
        assertFalse(card.toString().contains("4761739001010119"));
        assertEquals(Cid.ARQC, card.cid());

        CompletableFuture<FinalOutcome> completed = CompletableFuture.supplyAsync(() -> reader.complete(
                new Authorisation(HostDecision.HOST_APPROVED, "00", Optional.of("123456"), Optional.empty()), DEADLINE));
        assertEquals(AUTH_SEQ2, fake.readFrame());
        fake.ack();
        fake.send(FINAL_SEQ2);
        fake.expectAck();
        CardFinal fin = assertInstanceOf(CardFinal.class, completed.get(5, TimeUnit.SECONDS));
        assertTrue(fin.approved());
        assertEquals(0, reader.health().retransmissions());
    }

    @Test
    void aCardPulledOutWhileTheHostIsAskedEndsTheNextStepAsCardRemovedWithoutAnA() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.send(CARD_SEQ1);
        fake.expectAck();
        assertInstanceOf(CardRead.class, started.get(5, TimeUnit.SECONDS));

        // No call waits now (the controller is asking the host): E seq 2, DF50 01 01, card removed.
        fake.send(ERROR_REMOVED_SEQ2);
        fake.expectAck();
        // A ping answered after it proves the E was handled: one link thread delivers in order.
        CompletableFuture<Optional<ReaderInfo>> pinged = CompletableFuture.supplyAsync(() -> reader.ping(DEADLINE));
        assertEquals(P_SEQ2, fake.readFrame());
        fake.ack();
        fake.send(PONG_SEQ3);
        fake.expectAck();
        assertTrue(pinged.get(5, TimeUnit.SECONDS).isPresent());

        FinalOutcome outcome = reader.complete(new Authorisation(HostDecision.HOST_APPROVED, "00",
                Optional.of("123456"), Optional.empty()), DEADLINE);

        assertEquals(new ReaderError(ReaderErrorCode.CARD_REMOVED), outcome);
        assertTrue(fake.silentFor(300), "no A to a reader whose card is gone (it would answer E 08)");
    }

    @Test
    void aCardFrameThatCannotBeReadEndsTheStartAtOnceAndCancelsTheReadersTransaction() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = CompletableFuture.supplyAsync(
                () -> reader.start(SALE, Duration.ofSeconds(60)));
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.send(CARD_WITHOUT_ENTRY_MODE_SEQ1);
        fake.expectAck();

        assertEquals(new ReaderError(ReaderErrorCode.READ_FAILURE), started.get(5, TimeUnit.SECONDS),
                "a clear error now, not a wait for the 60 s deadline");
        assertEquals(CANCEL_SEQ2, fake.readFrame(), "the reader, waiting for an A, is told to stop");
        fake.ack();
    }

    @Test
    void aTransactionLeftOnTheReaderFromBeforeARestartIsCancelled() throws Exception {
        reader.connect();
        fake.accept();
        assertEquals(P_SEQ0, fake.readFrame());
        fake.ack();
        fake.send(PONG_BUSY_SEQ0);
        fake.expectAck();

        assertEquals(CANCEL_SEQ1, fake.readFrame(), "X ends the leftover transaction");
        fake.ack();
    }

    @Test
    void aLineThatBlinksWhileTheHostIsAskedLeavesTheReadersTransactionAlive() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.send(CARD_SEQ1);
        fake.expectAck();
        assertEquals(Cid.ARQC, assertInstanceOf(CardRead.class, started.get(5, TimeUnit.SECONDS)).cid());

        fake.hangUp();                 // the serial line drops while the controller asks the host
        fake.accept();
        assertEquals(P_SEQ2, fake.readFrame());
        fake.ack();
        fake.send(PONG_BUSY_SEQ0);     // "in transaction": the one waiting for our A
        fake.expectAck();
        assertTrue(fake.silentFor(500), "no X: that transaction is the live one");

        CompletableFuture<FinalOutcome> completed = CompletableFuture.supplyAsync(() -> reader.complete(
                new Authorisation(HostDecision.HOST_APPROVED, "00", Optional.of("123456"), Optional.empty()), DEADLINE));
        assertEquals(AUTH_SEQ3, fake.readFrame());
        fake.ack();
        fake.send(FINAL_SEQ1);
        fake.expectAck();
        assertTrue(assertInstanceOf(CardFinal.class, completed.get(5, TimeUnit.SECONDS)).approved());
    }

    @Test
    void aNakedFrameIsSentAgainWithTheSameSeq() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.nak();
        assertEquals(START_SEQ1, fake.readFrame(), "same frame, same SEQ");
        fake.ack();
        fake.send(CARD_SEQ1);
        fake.expectAck();

        assertInstanceOf(CardRead.class, started.get(5, TimeUnit.SECONDS));
        assertEquals(1, reader.counters().naksReceived());
        assertEquals(1, reader.health().retransmissions());
    }

    @Test
    void silenceGivesThreeResendsThenReaderUnavailable() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        for (int i = 0; i < 4; i++) {
            assertEquals(START_SEQ1, fake.readFrame(), "send " + (i + 1) + " of 4");
        }
        ReaderUnavailable outcome = assertInstanceOf(ReaderUnavailable.class, started.get(5, TimeUnit.SECONDS));
        assertTrue(outcome.reason().contains("tcp:127.0.0.1:" + fake.port()), outcome.reason());
        assertTrue(outcome.reason().contains("start"), outcome.reason());
        assertTrue(outcome.elapsed().toMillis() >= 1150, "4 x 300 ms, was " + outcome.elapsed());
        assertEquals(3, reader.health().retransmissions());
        assertFalse(reader.health().connected());
        assertTrue(reader.health().lastProblem().orElseThrow().contains("no ACK"));
        // the link is failed: what comes next is a P to find the reader again, never a fifth S
        String next = fake.readFrame();
        assertEquals("50", next.substring(8, 10), "TYPE of " + next);
    }

    @Test
    void aDuplicateSeqIsAckedButDeliveredOnce() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.send(CARD_SEQ1);
        fake.expectAck();
        fake.send(CARD_SEQ1);  // our ACK was "lost": the reader sends it again
        fake.expectAck();

        assertInstanceOf(CardRead.class, started.get(5, TimeUnit.SECONDS));
        Await.until("duplicate counted", () -> reader.counters().duplicates() == 1);
        assertEquals(2, reader.counters().framesReceived(), "p and C, the second C not processed");
    }

    @Test
    void garbageOnTheLineDoesNotBreakTheNextFrame() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.send("FFFE0013370A" + CARD_SEQ1);
        fake.expectAck();

        assertInstanceOf(CardRead.class, started.get(5, TimeUnit.SECONDS));
        assertEquals(6, reader.health().garbageBytes());
    }

    @Test
    void cancelSendsXAndThePendingStartEndsCancelled() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        CompletableFuture.runAsync(reader::cancel);
        assertEquals(CANCEL_SEQ2, fake.readFrame());
        fake.ack();
        fake.send(ERROR_CANCELLED_SEQ1);
        fake.expectAck();

        assertEquals(new ReaderError(ReaderErrorCode.CANCELLED, 4), started.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anUnpluggedReaderEndsTheCallAndIsReconnectedWithPFirst() throws Exception {
        connectAndAnswerPing();
        CompletableFuture<StartOutcome> started = startInBackground();
        assertEquals(START_SEQ1, fake.readFrame());
        fake.ack();
        fake.hangUp();

        ReaderUnavailable gone = assertInstanceOf(ReaderUnavailable.class, started.get(5, TimeUnit.SECONDS));
        assertTrue(gone.elapsed().toMillis() < 5000, "ended by the line loss, not the deadline");

        fake.accept();  // the driver comes back on its own
        assertEquals(P_SEQ2, fake.readFrame(), "P first after reopening, SEQ counting on");
        fake.ack();
        fake.send(PONG_SEQ0);  // the reader restarted: its SEQ starts again at 0 and is accepted
        fake.expectAck();
        Await.until("connected again", () -> reader.health().connected());

        CompletableFuture<Optional<ReaderInfo>> pinged = CompletableFuture.supplyAsync(
                () -> reader.ping(DEADLINE));
        assertEquals(P_SEQ3, fake.readFrame());
        fake.ack();
        fake.send(PONG_SEQ1);
        fake.expectAck();
        assertEquals("SN1", pinged.get(5, TimeUnit.SECONDS).orElseThrow().serialNumber());
    }

    @Test
    void noReaderAtAllIsReaderUnavailableNeverAnException() throws Exception {
        int port = fake.port();
        fake.close();  // nothing listens there now
        reader.connect();
        StartOutcome outcome = reader.start(SALE, Duration.ofMillis(500));
        ReaderUnavailable unavailable = assertInstanceOf(ReaderUnavailable.class, outcome);
        assertTrue(unavailable.reason().contains("tcp:127.0.0.1:" + port), unavailable.reason());
        assertFalse(reader.health().connected());
        Await.until("a problem recorded", () -> reader.health().lastProblem().isPresent());
    }
}
