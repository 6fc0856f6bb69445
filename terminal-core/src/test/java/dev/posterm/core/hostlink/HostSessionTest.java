package dev.posterm.core.hostlink;

import dev.posterm.core.testing.Await;
import dev.posterm.core.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session over real loopback TCP against a host the test scripts by hand. */
class HostSessionTest {
    private static final Instant T0 = Instant.parse("2025-06-12T14:30:15Z");
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), () -> 0.0);
    private static final Duration LONG = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(300);

    private final ManualClock clock = new ManualClock(T0);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private ScriptedHost host;
    private HostSession session;

    @AfterEach
    void tearDown() throws IOException {
        if (session != null) {
            session.close();
        }
        if (host != null) {
            host.close();
        }
        callers.shutdownNow();
    }

    /* 0800 echo test, STAN 42. Primary bitmap: 1 7 -> 82 | 11 -> 20 | 00 00 00 | 41 -> 80 | 00 00;
       secondary: 70 -> 04. */
    @Test
    void anAnswerIsMatchedAndTheRoundTripIsMeasuredOnTheSessionClock() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(42, LONG);
        ScriptedHost.Received request = host.nextRequest();
        assertEquals("0800" + "8220000000800000" + "0400000000000000"
                + "0612143015" + "000042" + "T0000001" + "301", request.ascii());
        clock.advance(Duration.ofMillis(150));
        request.answer(echoAnswer("000042", "T0000001"));

        HostReply.Answered answered = assertInstanceOf(HostReply.Answered.class, result(reply));
        assertEquals("000042", answered.response().field(11).orElseThrow());
        assertEquals(Duration.ofMillis(150), answered.roundTrip());
        assertTrue(EchoTest.passed(answered));
        HostLinkHealth health = session.health();
        assertTrue(health.connected());
        assertEquals(0, health.outstanding());
        assertEquals(Optional.of(Duration.ofMillis(150)), health.lastRoundTrip());
    }

    @Test
    void twoOutstandingRequestsAnsweredOutOfOrderAreBothMatched() throws Exception {
        startHostAndSession();

        Future<HostReply> first = echo(1, LONG);
        Future<HostReply> second = echo(2, LONG);
        ScriptedHost.Received a = host.nextRequest();
        ScriptedHost.Received b = host.nextRequest();
        assertEquals(2, session.health().outstanding());
        ScriptedHost.Received forFirst = stanOf(a).equals("000001") ? a : b;
        ScriptedHost.Received forSecond = forFirst == a ? b : a;
        forSecond.answer(echoAnswer("000002", "T0000001"));
        forFirst.answer(echoAnswer("000001", "T0000001"));

        assertEquals("000001", answerOf(first).field(11).orElseThrow());
        assertEquals("000002", answerOf(second).field(11).orElseThrow());
        assertEquals(1, host.connections());
    }

    /* A sale, not an echo: an unanswered echo test drops the connection, so its late answer could not come. */
    @Test
    void noAnswerInTimeIsNoAnswerAndTheLateAnswerCountsAsUnmatched() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = sale(5, Duration.ofMillis(300));
        ScriptedHost.Received request = host.nextRequest();
        HostReply.NoAnswer none = assertInstanceOf(HostReply.NoAnswer.class, result(reply));
        assertEquals(Duration.ofMillis(300), none.waited());
        assertEquals(1, session.health().timeouts());
        assertEquals(0, session.health().outstanding());

        request.answer(saleAnswer("000005"));
        eventually(() -> session.health().unmatched() == 1, "late answer counted as unmatched");
        assertInstanceOf(HostReply.Answered.class, answerTo(echo(6, LONG), "000006"));
        assertEquals(1, host.connections());
    }

    @Test
    void anAnswerForAnotherTerminalDoesNotMatch() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(15, Duration.ofMillis(500));
        host.nextRequest().answer(echoAnswer("000015", "T0000002"));

        assertInstanceOf(HostReply.NoAnswer.class, result(reply));
        assertEquals(1, session.health().unmatched());
    }

    @Test
    void aHostThatIsDownIsUnreachableWithinTheConnectionWait() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        session = new HostSession("127.0.0.1", deadPort, false, Optional.empty(), false, clock, FAST, Duration.ofMillis(300));
        session.start();

        long start = System.nanoTime();
        HostReply reply = session.exchange(EchoTest.request(new Stan(7), "T0000001", T0), LONG);

        HostReply.Unreachable unreachable = assertInstanceOf(HostReply.Unreachable.class, reply);
        assertTrue(unreachable.reason().contains("127.0.0.1:" + deadPort), unreachable.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertEquals(false, session.health().connected());
        assertTrue(session.health().lastProblem().isPresent());
    }

    @Test
    void theSessionReconnectsWhenTheHostComesBack() throws Exception {
        host = ScriptedHost.onFixedPort();
        startSession();
        assertInstanceOf(HostReply.Answered.class, answerTo(echo(1, LONG), "000001"));

        host.stop();
        eventually(() -> !session.health().connected(), "session sees the host gone");
        host = host.restart();

        assertInstanceOf(HostReply.Answered.class, answerTo(echo(2, LONG), "000002"));
        assertTrue(session.health().connected());
    }

    @Test
    void aRequestInFlightWhenTheConnectionBreaksIsNoAnswerAtOnce() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(9, LONG);
        host.nextRequest();
        long start = System.nanoTime();
        host.stop();

        assertInstanceOf(HostReply.NoAnswer.class, result(reply));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void anUndecodableAnswerIsCountedAndTheConnectionStaysUp() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(10, LONG);
        ScriptedHost.Received request = host.nextRequest();
        // a 0210 whose field 11 holds a letter, carrying a PAN in field 2
        request.answer("0210" + "4020000000000000" + "16" + "4761739001010010" + "00001X");
        request.answer(echoAnswer("000010", "T0000001"));

        assertInstanceOf(HostReply.Answered.class, result(reply));
        assertEquals(1, session.undecodable());
        assertEquals(1, session.health().unmatched());
        assertEquals(1, host.connections());
    }

    /* The 0210 is Iso8583CodecTest.APPROVAL_WITH_EXTRAS: STAN 000123, terminal T0000001, and the
       acquirer's own fields 15, 32, 44, 48, 54 and 62 besides the profile's. */
    @Test
    void anApprovalCarryingFieldsOutsideTheProfileIsAnsweredNotLost() throws Exception {
        startHostAndSession();
        IsoMessage sale = new IsoMessage("0200", Iso8583CodecTest.fields(
                3, "000000", 4, "000000001500", 7, "0612143015", 11, "000123", 22, "051",
                41, "T0000001", 42, "MERCHANT0000001", 49, "978"));

        Future<HostReply> reply = callers.submit(() -> session.exchange(sale, LONG));
        host.nextRequest().answer(Iso8583CodecTest.APPROVAL_WITH_EXTRAS);

        IsoMessage approval = assertInstanceOf(HostReply.Answered.class, result(reply)).response();
        assertEquals("00", approval.field(39).orElseThrow());
        assertEquals("A1B2C3", approval.field(38).orElseThrow());
        assertEquals("RESP DATA1", approval.field(44).orElseThrow());
        assertEquals(0, session.undecodable());
        assertEquals(0, session.health().unmatched());
    }

    @Test
    void anOversizeFrameDropsTheConnectionAndTheSessionReconnects() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(11, LONG);
        host.nextRequest();
        host.sendOnLatest(new byte[]{(byte) 0xFF, (byte) 0xFF, 0x30, 0x30});

        assertInstanceOf(HostReply.NoAnswer.class, result(reply));
        eventually(() -> host.connections() == 2, "session reconnected");
        assertInstanceOf(HostReply.Answered.class, answerTo(echo(12, LONG), "000012"));
        assertTrue(session.health().lastProblem().orElseThrow().contains("framing"));
    }

    /* A cellular NAT that dropped its mapping: the socket stays "connected", the host reads (or the
       bytes vanish) and nothing comes back. */
    @Test
    void aConnectionOnWhichTwoRequestsInARowGetNoAnswerIsDroppedAndTheSessionDialsAgain() throws Exception {
        startHostAndSession();   // the host never answers on its first connection

        Future<HostReply> inFlight = sale(1, LONG);
        assertEquals(1, host.nextRequest().connection());
        Future<HostReply> first = sale(2, SHORT);
        assertEquals(1, host.nextRequest().connection());
        assertInstanceOf(HostReply.NoAnswer.class, result(first));
        Future<HostReply> second = sale(3, SHORT);
        assertEquals(1, host.nextRequest().connection(), "one request unanswered does not drop the connection");
        assertInstanceOf(HostReply.NoAnswer.class, result(second));

        // wholly written on the dropped connection: its answer can no longer come, unknown outcome at once
        assertInstanceOf(HostReply.NoAnswer.class, result(inFlight));
        Future<HostReply> next = sale(4, LONG);
        ScriptedHost.Received request = host.nextRequest();
        assertEquals(2, request.connection(), "sent on a connection dialled again");
        request.answer(saleAnswer("000004"));
        assertEquals("00", answerOf(next).field(39).orElseThrow());
        assertEquals(2, host.connections());
        assertTrue(session.health().connected());
    }

    @Test
    void anAnswerBetweenTwoUnansweredRequestsKeepsTheConnection() throws Exception {
        startHostAndSession();

        Future<HostReply> lost = sale(1, SHORT);
        host.nextRequest();
        assertInstanceOf(HostReply.NoAnswer.class, result(lost));
        Future<HostReply> answered = sale(2, LONG);
        host.nextRequest().answer(saleAnswer("000002"));
        assertInstanceOf(HostReply.Answered.class, result(answered));
        Future<HostReply> lostAgain = sale(3, SHORT);
        host.nextRequest();
        assertInstanceOf(HostReply.NoAnswer.class, result(lostAgain));

        Future<HostReply> next = sale(4, LONG);
        ScriptedHost.Received request = host.nextRequest();
        assertEquals(1, request.connection());
        request.answer(saleAnswer("000004"));
        assertInstanceOf(HostReply.Answered.class, result(next));
        assertEquals(1, host.connections());
    }

    @Test
    void anUnansweredEchoTestDropsTheConnectionAndTheSessionDialsAgain() throws Exception {
        startHostAndSession();

        Future<HostReply> echo = echo(1, SHORT);
        assertEquals(1, host.nextRequest().connection());
        assertInstanceOf(HostReply.NoAnswer.class, result(echo));

        Future<HostReply> next = echo(2, LONG);
        ScriptedHost.Received request = host.nextRequest();
        assertEquals(2, request.connection());
        request.answer(echoAnswer("000002", "T0000001"));
        assertTrue(EchoTest.passed(result(next)));
    }

    /* Any fault in the reader (here the clock it stamps answers with throws) must not leave a
       connection nobody reads: every later sale would wait its whole timeout and be reversed. */
    @Test
    void aFaultInTheReaderDropsTheConnectionAndTheSessionAnswersTheNextRequest() throws Exception {
        host = new ScriptedHost();
        List<String> reported = new CopyOnWriteArrayList<>();
        session = new HostSession("127.0.0.1", host.port(), false, Optional.empty(), false, clock, FAST, Duration.ofSeconds(2));
        session.reportFaultsTo(new HostLinkFaults() {
            @Override
            public void fault(String what) {
                reported.add(what);
            }

            @Override
            public void recovered() {
                reported.add("recovered");
            }
        });
        session.start();

        Future<HostReply> reply = echo(1, LONG);
        ScriptedHost.Received request = host.nextRequest();
        clock.failOnce(new IllegalStateException("clock chip fault"));
        request.answer(echoAnswer("000001", "T0000001"));
        // the answer was on the wire but could not be read: the outcome is unknown
        assertInstanceOf(HostReply.NoAnswer.class, result(reply));

        assertInstanceOf(HostReply.Answered.class, answerTo(echo(2, LONG), "000002"));
        assertEquals(2, host.connections());
        assertTrue(session.health().lastProblem().orElseThrow().contains("IllegalStateException"),
                session.health().lastProblem().toString());
        Await.until(Duration.ofSeconds(5), "the fault and then the recovery reported once the host answered",
                () -> List.copyOf(reported), r -> r.size() == 2);
        String fault = reported.get(0);
        assertTrue(fault.contains("127.0.0.1:" + host.port()) && fault.contains("reading answers")
                && fault.contains("IllegalStateException"), fault);
        assertFalse(fault.contains("clock chip fault"), "an exception's message may quote message bytes: " + fault);
        assertEquals("recovered", reported.get(1));
    }

    @Test
    void aSecondRequestWithAPendingKeyIsRefused() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(13, LONG);
        ScriptedHost.Received request = host.nextRequest();

        assertThrows(IllegalStateException.class,
                () -> session.exchange(EchoTest.request(new Stan(13), "T0000001", T0), LONG));
        request.answer(echoAnswer("000013", "T0000001"));
        assertInstanceOf(HostReply.Answered.class, result(reply));
    }

    @Test
    void closeSettlesPendingRequestsAtOnce() throws Exception {
        startHostAndSession();

        Future<HostReply> reply = echo(14, LONG);
        host.nextRequest();
        session.close();

        assertInstanceOf(HostReply.NoAnswer.class, reply.get(2, TimeUnit.SECONDS));
        HostReply after = session.exchange(EchoTest.request(new Stan(15), "T0000001", T0), LONG);
        assertTrue(assertInstanceOf(HostReply.Unreachable.class, after).reason().contains("closed"));
    }

    @Test
    void plainTcpToANonLoopbackHostIsRefusedWithoutTheLabSwitch() {
        for (String remote : new String[]{"10.1.2.3", "acquirer.example.com", "192.168.0.10"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HostSession(remote, 5000, false, Optional.empty(), false, clock));
            assertTrue(e.getMessage().contains("plain TCP") && e.getMessage().contains(remote), e.getMessage());
            assertDoesNotThrow(() -> new HostSession(remote, 5000, false, Optional.empty(), true, clock).close());
        }
        for (String loopback : new String[]{"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertDoesNotThrow(() -> new HostSession(loopback, 5000, false, Optional.empty(), false, clock).close());
        }
    }

    @Test
    void tlsNeedsAUsableCaFile(@TempDir Path dir) throws IOException {
        assertThrows(IllegalArgumentException.class,
                () -> new HostSession("acquirer.example.com", 443, true, Optional.empty(), false, clock));
        Path notACertificate = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HostSession("acquirer.example.com", 443, true, Optional.of(notACertificate), false, clock));
        assertTrue(e.getMessage().contains("ca.pem"), e.getMessage());
    }

    @Test
    void anExchangeBeforeStartIsUnreachable() throws Exception {
        session = new HostSession("127.0.0.1", 5000, false, Optional.empty(), false, clock, FAST, Duration.ofMillis(50));

        HostReply reply = session.exchange(EchoTest.request(new Stan(1), "T0000001", T0), LONG);

        assertTrue(assertInstanceOf(HostReply.Unreachable.class, reply).reason().contains("not started"));
    }

    // --- helpers

    private void startHostAndSession() throws IOException {
        host = new ScriptedHost();
        startSession();
    }

    private void startSession() {
        session = new HostSession("127.0.0.1", host.port(), false, Optional.empty(), false, clock, FAST, Duration.ofSeconds(2));
        session.start();
    }

    private Future<HostReply> echo(int stan, Duration timeout) {
        return callers.submit(() -> session.exchange(EchoTest.request(new Stan(stan), "T0000001", T0), timeout));
    }

    private Future<HostReply> sale(int stan, Duration timeout) {
        IsoMessage sale = new IsoMessage("0200", Iso8583CodecTest.fields(
                3, "000000", 4, "000000001500", 7, "0612143015", 11, "%06d".formatted(stan), 22, "051",
                41, "T0000001", 42, "MERCHANT0000001", 49, "978"));
        return callers.submit(() -> session.exchange(sale, timeout));
    }

    /* 0210 approved: primary 7 -> 02 | 11 -> 20 | 00 00 00 | 39 -> 02 | 41 -> 80 | 00 00. */
    private static String saleAnswer(String stan) {
        return "0210" + "0220000002800000" + "0612143015" + stan + "00" + "T0000001";
    }

    /* 0810: primary 1 7 -> 82 | 11 -> 20 | 00 00 00 | 39 -> 02 | 41 -> 80 | 00 00; secondary 70 -> 04. */
    private static String echoAnswer(String stan, String terminal) {
        return "0810" + "8220000002800000" + "0400000000000000" + "0612143015" + stan + "00" + terminal + "301";
    }

    private static String stanOf(ScriptedHost.Received request) {
        int afterBitmapsAndField7 = 4 + 32 + 10;
        return request.ascii().substring(afterBitmapsAndField7, afterBitmapsAndField7 + 6);
    }

    private HostReply answerTo(Future<HostReply> reply, String stan) throws Exception {
        ScriptedHost.Received request = host.nextRequest();
        assertEquals(stan, stanOf(request));
        request.answer(echoAnswer(stan, "T0000001"));
        return result(reply);
    }

    private static IsoMessage answerOf(Future<HostReply> reply) throws Exception {
        return assertInstanceOf(HostReply.Answered.class, result(reply)).response();
    }

    private static HostReply result(Future<HostReply> reply) throws Exception {
        return reply.get(5, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition, String what) throws Exception {
        Await.until(Duration.ofSeconds(5), what, condition::getAsBoolean);
    }
}
