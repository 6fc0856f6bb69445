package dev.posterm.simulator.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.TestPeer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-written CRL/1 frames against the simulated reader over TCP loopback. */
class ReaderSimulatorTest {
    // P, SEQ 00: STX 0002 00 'P' ETX LRC(00^02^00^50^03 = 51)
    static final String P0 = "02 0002 00 50 03 51";
    // S, SEQ 01: amount 12.50, CNY 156, purchase, 2025-01-01 12:00:00, timeout 30 s, online capable
    static final String S1 = "02 0026 01 53 9F0206000000001250 5F2A020156 9C0100 9A03250101 9F2103120000 DF10011E DF110101 03 1E";
    // A, SEQ 02: DF20 01 (host approved), 8A "00"
    static final String A2 = "02 000A 02 41 DF200101 8A023030 03 3D";
    // X, SEQ 02: cancel
    static final String X2 = "02 0002 02 58 03 5B";
    // D, SEQ 01: DF30 "Hello", DF31 "你好" (UTF-8 E4BDA0 E5A5BD), DF32 5 s
    static final String D1 = "02 0017 01 44 DF300548656C6C6F DF3106E4BDA0E5A5BD DF320105 03 FC";

    private ReaderSimulator reader;
    private TestPeer peer;

    @BeforeEach
    void start() throws IOException {
        reader = new ReaderSimulator().start();
        peer = new TestPeer(reader.port());
    }

    @AfterEach
    void stop() throws IOException {
        peer.close();
        reader.close();
    }

    /** Reads one frame (test-side parsing), checks its LRC, returns it whole as hex. */
    private String readFrame() throws IOException {
        int stx = peer.readByte();
        assertEquals(0x02, stx, "frame starts with STX");
        byte[] len = peer.read(2);
        int n = ((len[0] & 0xFF) << 8) | (len[1] & 0xFF);
        byte[] rest = peer.read(n + 2);
        int lrc = len[0] ^ len[1];
        for (int i = 0; i < rest.length - 1; i++) {
            lrc ^= rest[i];
        }
        assertEquals(0x03, rest[n] & 0xFF, "ETX");
        assertEquals(lrc & 0xFF, rest[n + 1] & 0xFF, "LRC");
        return TestPeer.hex(new byte[] {0x02}) + TestPeer.hex(len) + TestPeer.hex(rest);
    }

    private static char typeOf(String frameHex) {
        return (char) Integer.parseInt(frameHex.substring(8, 10), 16);
    }

    private void ping() throws IOException {
        peer.writeHex(P0);
        assertEquals(0x06, peer.readByte());
        String pong = readFrame();
        assertEquals('p', typeOf(pong));
        peer.writeHex("06");
    }

    /**
     * The reader handles a line's frames in order, so when the ACK and p of a P sent now are the next
     * bytes back, nothing was sent before them: a check that waits for the reader's answer, not for
     * a quiet period.
     */
    private void nothingSentBeforeTheAnswerToAPing(String what) throws IOException {
        peer.writeHex(P0);
        assertEquals(0x06, peer.readByte(), what + ": the next byte back is the ACK of the P");
        assertEquals('p', typeOf(readFrame()), what + ": the next frame back is the p");
        peer.writeHex("06");
    }

    @Test
    void pingIsAnsweredWithFirmwareSerialAndIdleState() throws IOException {
        peer.writeHex(P0);
        assertEquals(0x06, peer.readByte());
        String pong = readFrame();
        assertEquals('p', typeOf(pong));
        assertTrue(pong.contains("DF0301" + "00"), "DF03 state idle: " + pong);
        assertTrue(pong.contains("DF01"), "firmware present");
        assertTrue(pong.contains("DF02"), "serial present");
    }

    @Test
    void onlineSaleGoesStartCardAuthorisationFinal() throws IOException {
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        String c = readFrame();
        assertEquals('C', typeOf(c));
        assertTrue(c.contains("9F270180"), "CID 80 asks to go online");
        assertTrue(c.contains("5A084761739001010119"), "Visa test PAN");
        assertTrue(c.contains("5F2403301231"), "expiry");
        assertTrue(c.contains("DF400101"), "entry mode chip");
        peer.writeHex("06");
        peer.writeHex(A2);
        assertEquals(0x06, peer.readByte());
        String f = readFrame();
        assertEquals('F', typeOf(f));
        assertTrue(f.contains("9F270140"), "TC after host approval");
        assertTrue(f.contains("8A023030"), "8A echoed");
        peer.writeHex("06");
        assertEquals(0, peer.readFor(400).length, "nothing more once F is ACKed");
        assertEquals(0, reader.naksSent());
    }

    @Test
    void nakIsAnsweredWithTheSameFrameAgain() throws IOException {
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        String first = readFrame();
        peer.writeHex("15");
        String again = readFrame();
        assertEquals(first, again, "same bytes, same SEQ");
        peer.writeHex("06");
        assertEquals(1, reader.retransmissions());
    }

    @Test
    void unacknowledgedFrameIsSentFourTimesThenGivenUp() throws IOException {
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        String first = readFrame();
        for (int i = 0; i < 3; i++) {
            assertEquals(first, readFrame(), "retry " + (i + 1));
        }
        assertEquals(0, peer.readFor(500).length, "no fifth copy");
        assertEquals(1, reader.linkFailures());
    }

    @Test
    void duplicateSeqIsAckedButNotProcessedTwice() throws IOException {
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        readFrame();
        peer.writeHex("06");
        peer.writeHex(S1); // our ACK "was lost": same SEQ again
        assertEquals(0x06, peer.readByte());
        nothingSentBeforeTheAnswerToAPing("no second C, no E 08");
        assertEquals(1, reader.duplicatesSeen());
        assertEquals(1, reader.transactionsStarted());
    }

    @Test
    void badLrcIsNaked() throws IOException {
        peer.writeHex("02 0002 00 50 03 52");
        assertEquals(0x15, peer.readByte());
        assertEquals(1, reader.naksSent());
    }

    @Test
    void nakNextFramesRefusesGoodFramesWhichComeThroughOnRetry() throws IOException {
        reader.nakNextFrames(1);
        peer.writeHex(P0);
        assertEquals(0x15, peer.readByte());
        peer.writeHex(P0);
        assertEquals(0x06, peer.readByte());
        assertEquals('p', typeOf(readFrame()));
    }

    @Test
    void startDuringTransactionAndAuthorisationWithNoneWaitingAreReaderFaults() throws IOException {
        ping();
        peer.writeHex(A2); // no transaction: E 08
        assertEquals(0x06, peer.readByte());
        String e = readFrame();
        assertEquals('E', typeOf(e));
        assertTrue(e.contains("DF500108"));
        peer.writeHex("06");
    }

    @Test
    void cancelWhileWaitingForCardAnswersE04() throws IOException {
        reader.enqueue(CardScript.noCard());
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        assertEquals(0, peer.readFor(200).length, "still waiting for a card");
        peer.writeHex(X2);
        assertEquals(0x06, peer.readByte());
        String e = readFrame();
        assertTrue(e.contains("DF500104"), e);
        assertTrue(!reader.inTransaction());
    }

    @Test
    void noCardAnswersE03WhenItsTimeRunsOut() throws IOException {
        reader.enqueue(CardScript.noCard(Duration.ofMillis(50)));
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        assertTrue(readFrame().contains("DF500103"));
    }

    @Test
    void cardThatDeclinesAfterHostApprovalAnswersAac() throws IOException {
        reader.enqueue(CardScript.declinesAfterHostApproval());
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        readFrame();
        peer.writeHex("06");
        peer.writeHex(A2);
        assertEquals(0x06, peer.readByte());
        assertTrue(readFrame().contains("9F270100"), "AAC");
    }

    @Test
    void magstripeCarriesNoChipData() throws IOException {
        reader.enqueue(CardScript.magstripe());
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        String c = readFrame();
        assertTrue(c.contains("5A086212345678901232"));
        assertTrue(c.contains("DF400103"));
        assertTrue(!c.contains("9F2608"), "no cryptogram");
    }

    @Test
    void displayIsRemembered() throws IOException {
        peer.writeHex(D1);
        assertEquals(0x06, peer.readByte());
        nothingSentBeforeTheAnswerToAPing("D has no answer frame");
        assertEquals(java.util.List.of("Hello", "你好"), reader.displayLines());
    }

    @Test
    void corruptedLrcIsFollowedByAGoodCopyOnNak() throws IOException {
        reader.corruptNextOutgoingLrc();
        peer.writeHex(P0);
        assertEquals(0x06, peer.readByte());
        byte[] bad = peer.read(8); // p with empty body would be 8 bytes; ours has a body
        assertEquals(0x02, bad[0]);
        int n = ((bad[1] & 0xFF) << 8) | (bad[2] & 0xFF);
        byte[] rest = peer.read(n + 4 - 8 + 1);
        byte[] whole = Arrays.copyOf(bad, bad.length + rest.length);
        System.arraycopy(rest, 0, whole, bad.length, rest.length);
        int lrc = 0;
        for (int i = 1; i < whole.length - 1; i++) {
            lrc ^= whole[i];
        }
        assertTrue((lrc & 0xFF) != (whole[whole.length - 1] & 0xFF), "LRC is wrong");
        peer.writeHex("15");
        assertEquals('p', typeOf(readFrame()));
    }

    @Test
    void acceptsANewConnectionAfterDisconnect() throws IOException {
        ping(); // the line is up on the reader's side too
        reader.disconnect();
        assertTrue(peer.closedByPeer());
        peer.close();
        peer = new TestPeer(reader.port());
        ping();
    }

    @Test
    void lostAckMakesTheRetransmissionADuplicate() throws IOException {
        reader.dropNextAcks(1);
        peer.writeHex(P0);
        assertEquals('p', typeOf(readFrame()), "P acted on, though not ACKed");
        peer.writeHex("06");
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        assertEquals('C', typeOf(readFrame()));
        peer.writeHex("06");
        peer.writeHex(S1); // the controller, missing an ACK, would send it again
        assertEquals(0x06, peer.readByte());
        nothingSentBeforeTheAnswerToAPing("the repeated S starts nothing and sends no second C");
        assertEquals(1, reader.transactionsStarted());
    }

    @Test
    void offlineApprovalNeedsNoAuthorisation() throws IOException {
        reader.enqueue(CardScript.offlineApproves());
        ping();
        peer.writeHex(S1);
        assertEquals(0x06, peer.readByte());
        assertTrue(readFrame().contains("9F270140"), "TC at once");
        peer.writeHex("06");
        peer.writeHex(A2); // nothing is waiting for an A now
        assertEquals(0x06, peer.readByte());
        assertTrue(readFrame().contains("DF500108"));
    }
}
