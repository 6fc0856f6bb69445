package dev.posterm.simulator.acquirer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.TestPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batch close (0500/0510) as host-link.md "Voids, refunds and batch close" says, over real TCP with
 * messages written out by hand: the host totals the terminal's open batch from its own ledger
 * (sales with accepted offline sales, voided sales left out, refunds apart), answers 00 and closes
 * when field 63 agrees, 95 and keeps the batch open when not; a repeat is answered again only.
 */
class BatchCloseTest {
    /** 0500 bitmap 2220000000800012 = 3 7 11 41 60 63. */
    private static final String CLOSE_BITMAP = "2220000000800012";
    /** 0200 refund/void bitmap 3238048008C08000 = 3 4 7 11 12 13 22 25 37 41 42 49 (no card data). */
    private static final String BY_RRN_BITMAP = "3238048008C08000";
    /** 0210 offset of field 37: MTI 4, bitmap 16, 3 (6), 4 (12), 7 (10), 11 (6), 12 (6), 13 (4). */
    private static final int RRN_AT = 64;
    /** 0510 offset of field 39: MTI 4, bitmap 16, 3 (6), 7 (10), 11 (6). */
    private static final int CODE_AT = 42;

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

    @Test
    void totalsThatAgreeCloseTheBatchAndTheNextOneStartsEmpty() throws IOException {
        String saleRrn = rrn(exchange(sale("0200", "000001", 1250)));          // counts
        exchange(sale("0220", "000002", 3000));                               // offline, accepted: counts
        String voided = rrn(exchange(sale("0200", "000003", 2000)));
        exchange(byRrn("020000", "000004", 2000, voided));                    // voided sale: left out
        host.declineAmount(777, "51");
        exchange(sale("0200", "000005", 777));                                // declined: left out
        exchange(byRrn("200000", "000006", 500, saleRrn));                    // refund: apart

        String answer = exchange(close("000007", "0101180000", "000001", "0002" + "000000004250" + "0001" + "000000000500"));

        assertEquals("00", code(answer), answer);
        assertTrue(answer.endsWith("006000001" + "032" + "0002000000004250" + "0001000000000500"),
                "60 echoed, 63 the host's own totals: " + answer);
        String next = exchange(close("000008", "0101180500", "000002", "0".repeat(32)));
        assertEquals("00", code(next), "batch 000002 is new and empty: " + next);
        assertEquals(2, host.ledger().settlements().size());
        assertEquals("000001", host.ledger().settlements().get(0).batchNumber());
    }

    @Test
    void totalsThatDifferAre95AndTheBatchStaysOpen() throws IOException {
        exchange(sale("0200", "000001", 1250));

        String differ = exchange(close("000002", "0101180000", "000001", "0002" + "000000002500" + "0000" + "000000000000"));

        assertEquals("95", code(differ), differ);
        assertTrue(differ.endsWith("032" + "0001000000001250" + "0000000000000000"),
                "the 0510 carries the host's totals for the terminal to report: " + differ);
        // the batch is still open: a new 0500 with the right totals closes it with the sale in it
        String agree = exchange(close("000003", "0101180100", "000001", "0001" + "000000001250" + "0000" + "000000000000"));
        assertEquals("00", code(agree), agree);
    }

    @Test
    void aRepeated0500IsAnsweredAgainWithoutClosingTwice() throws IOException {
        exchange(sale("0200", "000001", 1250));
        String close = close("000002", "0101180000", "000001", "0001" + "000000001250" + "0000" + "000000000000");
        String first = exchange(close);
        exchange(sale("0200", "000003", 4000));   // in batch 000002

        assertEquals(first, exchange(close), "the same answer again");

        assertEquals(1, host.duplicates());
        assertEquals(1, host.ledger().settlements().size(), "acted on once");
        String second = exchange(close("000004", "0101190000", "000002", "0001" + "000000004000" + "0000" + "000000000000"));
        assertEquals("00", code(second), "the repeat did not sweep the new sale into batch 000001: " + second);
    }

    @Test
    void aRepeated0500After95IsThe95AgainAndChangesNothing() throws IOException {
        exchange(sale("0200", "000001", 1250));
        String wrong = close("000002", "0101180000", "000001", "0".repeat(32));
        assertEquals("95", code(exchange(wrong)));

        assertEquals("95", code(exchange(wrong)));

        assertEquals(1, host.duplicates());
        assertEquals(1, host.ledger().settlements().size());
    }

    @Test
    void a0500WithoutABatchNumberIsAFormatErrorAndClosesNothing() throws IOException {
        exchange(sale("0200", "000001", 1250));
        // bitmap 2220000000800002 = 3 7 11 41 63 (no 60)
        String noBatch = "0500" + "2220000000800002" + "920000" + "0101180000" + "000002" + "T0000001"
                + "032" + "0001000000001250" + "0000000000000000";

        assertEquals("30", code(exchange(noBatch)));

        String agree = exchange(close("000003", "0101180100", "000001", "0001" + "000000001250" + "0000" + "000000000000"));
        assertEquals("00", code(agree), "the sale is still in the open batch: " + agree);
    }

    @Test
    void aSaleOfAClosedBatchCannotBeVoided() throws IOException {
        String rrn = rrn(exchange(sale("0200", "000001", 1250)));
        exchange(close("000002", "0101180000", "000001", "0001" + "000000001250" + "0000" + "000000000000"));

        String theVoid = exchange(byRrn("020000", "000003", 1250, rrn));

        assertEquals("12", theVoid.substring(RRN_AT + 12, RRN_AT + 14), theVoid);
    }

    @Test
    void refundsOfASaleNeverAddUpToMoreThanTheSaleAnOverRefundIs13() throws IOException {
        String rrn = rrn(exchange(sale("0200", "000001", 1000)));
        assertEquals("00", codeOf0210(exchange(byRrn("200000", "000002", 300, rrn))));
        assertEquals("00", codeOf0210(exchange(byRrn("200000", "000003", 600, rrn))));

        assertEquals("13", codeOf0210(exchange(byRrn("200000", "000004", 101, rrn))), "300 + 600 + 101 > 1000");
        assertEquals("00", codeOf0210(exchange(byRrn("200000", "000005", 100, rrn))), "the last 100 may go");
        assertEquals("12", codeOf0210(exchange(byRrn("200000", "000006", 100, "999999999999"))), "no such sale");

        String close = exchange(close("000007", "0101180000", "000001", "0001" + "000000001000" + "0003" + "000000001000"));
        assertEquals("00", code(close), "the refunds count apart, the sale stays a sale: " + close);
    }

    @Test
    void aRefundOfASaleOfAClosedBatchIsTakenAndCountsInTheNextBatch() throws IOException {
        String rrn = rrn(exchange(sale("0200", "000001", 1250)));
        exchange(close("000002", "0101180000", "000001", "0001" + "000000001250" + "0000" + "000000000000"));

        assertEquals("00", codeOf0210(exchange(byRrn("200000", "000003", 250, rrn))));

        String next = exchange(close("000004", "0101190000", "000002", "0000" + "000000000000" + "0001" + "000000000250"));
        assertEquals("00", code(next), next);
    }

    // ---- hand-written messages ----

    /** A chip purchase (0200) or its offline advice (0220), 3238048020C08000 as in AcquirerSimulatorTest. */
    private static String sale(String mti, String stan, long amount) {
        return mti + "3238048020C08000" + "000000" + String.format("%012d", amount) + "0101120000" + stan
                + "120000" + "0101" + "051" + "00" + "34" + "4761739001010119D30122011234500000"
                + "T0000001" + "M00000000000001" + "156";
    }

    /** A void (020000) or refund (200000): no card data, the sale named by its RRN in 37. */
    private static String byRrn(String processing, String stan, long amount, String rrn) {
        return "0200" + BY_RRN_BITMAP + processing + String.format("%012d", amount) + "0101130000" + stan
                + "130000" + "0101" + "000" + "00" + rrn + "T0000001" + "M00000000000001" + "156";
    }

    /** 0500: processing 920000, 60 = LLL "006" + batch, 63 = LLL "032" + totals. */
    private static String close(String stan, String field7, String batch, String totals) {
        return "0500" + CLOSE_BITMAP + "920000" + field7 + stan + "T0000001" + "006" + batch + "032" + totals;
    }

    private static String rrn(String answer0210) {
        assertTrue(answer0210.startsWith("0210"), answer0210);
        return answer0210.substring(RRN_AT, RRN_AT + 12);
    }

    private static String codeOf0210(String answer0210) {
        assertTrue(answer0210.startsWith("0210"), answer0210);
        // 38 (an6) comes between 37 and 39 when the host approved: bit 38 is 0x04 of the bitmap's fifth byte.
        boolean has38 = (Integer.parseInt(answer0210.substring(4 + 8, 4 + 10), 16) & 0x04) != 0;
        int at = RRN_AT + 12 + (has38 ? 6 : 0);
        return answer0210.substring(at, at + 2);
    }

    private static String code(String answer0510) {
        assertTrue(answer0510.startsWith("0510"), answer0510);
        return answer0510.substring(CODE_AT, CODE_AT + 2);
    }

    private String exchange(String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.US_ASCII);
        peer.write(new byte[] {(byte) (body.length >> 8), (byte) body.length});
        peer.write(body);
        byte[] len = peer.read(2);
        return new String(peer.read(((len[0] & 0xFF) << 8) | (len[1] & 0xFF)), StandardCharsets.US_ASCII);
    }
}
