package dev.posterm.simulator.acquirer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.TestPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-written ISO 8583 ASCII messages against the simulated acquirer over TCP loopback. */
class AcquirerSimulatorTest {
    /**
     * A chip purchase of 12.50 CNY, written out by hand.
     * Bitmap 3238048020C08000 = fields 3 4 7 | 11 12 13 | 22 | 25 | 35 | 41 42 | 49.
     */
    static final String SALE = "0200" + "3238048020C08000"
            + "000000"                                   // 3 purchase
            + "000000001250"                             // 4 amount 12.50
            + "0101120000"                               // 7 transmission 01-01 12:00:00 UTC
            + "000001"                                   // 11 STAN
            + "120000"                                   // 12 local time
            + "0101"                                     // 13 local date
            + "051"                                      // 22 chip
            + "00"                                       // 25
            + "34" + "4761739001010119D30122011234500000" // 35 track 2, LL = 34
            + "T0000001"                                 // 41
            + "M00000000000001"                          // 42
            + "156";                                     // 49 CNY

    /** 0210 bitmap 323800000EC08000 = 3 4 7 11 12 13 37 38 39 41 42 49. */
    static final String APPROVED_HEAD = "0210" + "323800000EC08000" + "000000" + "000000001250" + "0101120000"
            + "000001" + "120000" + "0101";

    /** The reversal of SALE: bitmap B220000000C08000 + 0000004000000000 = 3 4 7 11 41 42 49 | 90. */
    static final String REVERSAL = "0400" + "B220000000C08000" + "0000004000000000"
            + "000000" + "000000001250" + "0101120130" + "000001" + "T0000001" + "M00000000000001" + "156"
            + "0200" + "000001" + "0101120000" + "0000000000000000000000"; // 90: MTI, STAN, field 7, 22 zeros

    private AcquirerSimulator host;
    private TestPeer peer;

    @BeforeEach
    void start() throws IOException {
        host = new AcquirerSimulator().start();
        peer = new TestPeer(host.port());
    }

    @AfterEach
    void stop() throws IOException {
        peer.close();
        host.close();
    }

    private void send(String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.US_ASCII);
        peer.write(new byte[] {(byte) (body.length >> 8), (byte) body.length});
        peer.write(body);
    }

    private String receive() throws IOException {
        byte[] len = peer.read(2);
        return new String(peer.read(((len[0] & 0xFF) << 8) | (len[1] & 0xFF)), StandardCharsets.US_ASCII);
    }

    @Test
    void approvesAHandWrittenSale() throws IOException {
        send(SALE);
        String answer = receive();
        assertTrue(answer.startsWith(APPROVED_HEAD), answer);
        String rrn = answer.substring(APPROVED_HEAD.length(), APPROVED_HEAD.length() + 12);
        String rest = answer.substring(APPROVED_HEAD.length() + 12);
        assertTrue(rrn.matches("\\d{12}"), rrn);
        assertTrue(rest.substring(0, 6).matches("[0-9A-Z]{6}"), "auth code");
        assertEquals("00" + "T0000001" + "M00000000000001" + "156", rest.substring(6));
        LedgerEntry entry = host.ledger().entry("T0000001", "000001", "0101120000").orElseThrow();
        assertEquals(LedgerEntry.State.APPROVED, entry.state());
        assertEquals(1250, entry.amountMinor());
        assertEquals(rrn, entry.rrn());
    }

    @Test
    void repeatedSaleWithSame41And11And7IsADuplicate() throws IOException {
        send(SALE);
        String first = receive();
        send(SALE);
        String second = receive();
        assertEquals(first, second, "the same answer again, same RRN and auth code");
        assertEquals(1, host.duplicates());
        assertEquals(1, host.ledger().entries().size());
        assertEquals(2, host.ledger().count("0200"));
    }

    @Test
    void declinedAmountHasNoAuthCode() throws IOException {
        host.declineAmount(1250, "51");
        send(SALE);
        String answer = receive();
        // bitmap without 38: 3 4 7 11 12 13 37 39 41 42 49
        assertTrue(answer.startsWith("0210" + "323800000AC08000"), answer);
        assertEquals("51", answer.substring(APPROVED_HEAD.length() + 12, APPROVED_HEAD.length() + 14));
        assertEquals(LedgerEntry.State.DECLINED,
                host.ledger().entry("T0000001", "000001", "0101120000").orElseThrow().state());
    }

    @Test
    void droppedAnswerStillActedAndTheReversalUndoesIt() throws IOException {
        host.dropNextAnswers(1);
        send(SALE);
        // The host answers one connection's requests in order: the next thing back answers the echo
        // sent after the sale, so the sale's answer was never sent (no quiet period to hope for).
        send(IsoCodecTest.ECHO);
        assertTrue(receive().startsWith("0810"), "the first answer back is the echo's: the sale's was dropped");
        assertEquals(LedgerEntry.State.APPROVED,
                host.ledger().entry("T0000001", "000001", "0101120000").orElseThrow().state());
        send(REVERSAL);
        String answer = receive();
        assertTrue(answer.startsWith("0410"), answer);
        assertTrue(answer.contains("00T0000001"), "39 = 00 before 41: " + answer);
        assertEquals(LedgerEntry.State.REVERSED,
                host.ledger().entry("T0000001", "000001", "0101120000").orElseThrow().state());
    }

    @Test
    void ignoredRequestLeavesNoTrace() throws IOException {
        host.ignoreNextRequests(1);
        send(SALE);
        send(IsoCodecTest.ECHO);   // answered in order: once its answer is back, the sale was handled
        assertTrue(receive().startsWith("0810"), "the first answer back is the echo's: the sale had none");
        assertEquals(0, host.ledger().entries().size());
        send(SALE); // the controller's retry is processed as new
        assertTrue(receive().startsWith("0210"));
    }

    @Test
    void echoTest() throws IOException {
        send(IsoCodecTest.ECHO);
        assertEquals("0810" + "8220000002800000" + "0400000000000000" + "0101120000" + "000007" + "00" + "T0000001" + "301",
                receive());
    }

    @Test
    void badFieldIsAnsweredFormatError() throws IOException {
        send(SALE.replace("000000001250", "00000000125A"));
        String answer = receive();
        assertTrue(answer.startsWith("0210"), answer);
        assertTrue(answer.contains("30T0000001"), "39 = 30: " + answer);
    }

    @Test
    void unreadableFrameDropsTheConnection() throws IOException {
        peer.write(new byte[] {0x00, 0x05, 'H', 'E', 'L', 'L', 'O'});
        assertTrue(peer.closedByPeer());
        assertEquals(1, host.garbledFrames());
    }

    @Test
    void reconciliationComparesTotals() throws IOException {
        send(SALE);
        receive();
        // 0500: bitmap 2220000000800012 = 3 7 11 41 60 63; 63 = 1 sale of 12.50, no refunds
        String close = "0500" + "2220000000800012" + "920000" + "0101180000" + "000002" + "T0000001"
                + "006" + "000001" + "032" + "0001" + "000000001250" + "0000" + "000000000000";
        send(close);
        String answer = receive();
        assertTrue(answer.startsWith("0510"), answer);
        assertEquals(1, host.ledger().settlements().size());
        assertEquals("00", host.ledger().settlements().get(0).responseCode());
        // the batch is closed: the same totals for the next batch (a new STAN) no longer agree
        send(close.replace("000002T0000001", "000003T0000001").replace("006000001", "006000002"));
        receive();
        assertEquals("95", host.ledger().settlements().get(1).responseCode());
    }

    @Test
    void downRefusesAndUpListensOnTheSamePort() throws IOException {
        int port = host.port();
        host.down();
        assertTrue(peer.closedByPeer());
        // The port is free while down: a connect is refused, or (rarely) lands on a TCP self-connect
        // or another process that took the freed port. Either way our host must not accept it.
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertEquals(0, host.connectionCount(), "the host accepted a connection while down");
        } catch (ConnectException refused) {
            // what normally happens
        } catch (java.net.SocketException reset) {
            // The JDK closes the listening socket only once its accept thread has left accept(), so a
            // connect in that moment is taken into the backlog and then reset: refused all the same.
            assertEquals(0, host.connectionCount(), "the host accepted a connection while down");
        }
        host.up();
        assertEquals(port, host.port());
        peer.close();
        peer = new TestPeer(port);
        send(IsoCodecTest.ECHO);
        assertTrue(receive().startsWith("0810"));
    }

    @Test
    void aBlackHoledConnectionStaysOpenAndSilentWhileANewOneIsServed() throws IOException, InterruptedException {
        TestPeer.await("the connection accepted", () -> host.connectionsAccepted() == 1);
        assertEquals(1, host.blackHoleOpenConnections());
        send(SALE);
        TestPeer.await("the sale read and lost", () -> host.log().contains("lost (fault: black hole)"));
        assertEquals(0, peer.readFor(300).length, "nothing comes back on the silent connection");
        assertEquals(0, host.ledger().entries().size(), "the host never saw the sale");
        assertEquals(0, host.ledger().count("0200"));
        assertEquals(1, host.connectionCount(), "still open: no FIN, no RST");

        try (TestPeer fresh = new TestPeer(host.port())) {
            TestPeer other = peer;
            peer = fresh;
            send(SALE);
            assertTrue(receive().startsWith("0210"), "a new connection is served");
            peer = other;
        }
        assertEquals(2, host.connectionsAccepted());
        assertEquals(LedgerEntry.State.APPROVED,
                host.ledger().entry("T0000001", "000001", "0101120000").orElseThrow().state());
    }

    @Test
    void delayedAnswerComesLater() throws IOException {
        host.delayAnswers(Duration.ofMillis(300));
        long start = System.nanoTime();
        send(IsoCodecTest.ECHO);
        receive();
        assertTrue(System.nanoTime() - start >= 290_000_000L);
    }

    @Test
    void adviceAndItsRepeatAreOneAdvice() throws IOException {
        String advice = "0220" + SALE.substring(4); // the same fields, told after an offline approval
        send(advice);
        String first = receive();
        assertTrue(first.startsWith("0230"), first);
        send("0221" + SALE.substring(4)); // the repeat keeps field 7
        assertEquals(first, receive());
        assertEquals(1, host.duplicates());
        assertEquals(LedgerEntry.State.ADVISED,
                host.ledger().entry("T0000001", "000001", "0101120000").orElseThrow().state());
        assertEquals(1, host.ledger().count("0221"));
    }

    @Test
    void respondWithScriptsTheNextFinancialAnswerOnly() throws IOException {
        host.respondWith("91");
        send(IsoCodecTest.ECHO); // an echo test does not spend it
        assertTrue(receive().contains("00T0000001"));
        send(SALE);
        String answer = receive();
        assertEquals("91", answer.substring(APPROVED_HEAD.length() + 12, APPROVED_HEAD.length() + 14));
    }
}
