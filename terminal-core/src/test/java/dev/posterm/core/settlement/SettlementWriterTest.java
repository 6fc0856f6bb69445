package dev.posterm.core.settlement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posterm.core.settlement.SettlementRow.EntryMode;
import dev.posterm.core.settlement.SettlementRow.HostStatus;
import dev.posterm.core.settlement.SettlementRow.Method;
import dev.posterm.core.settlement.SettlementRow.State;
import dev.posterm.core.settlement.SettlementRow.Type;
import dev.posterm.core.settlement.SettlementRow.Wallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against the spec's own examples (the hand-written files) and against the verifier. */
class SettlementWriterTest {
    @TempDir
    Path dir;

    @Test
    void theRowsOfTheHandWrittenBatchComeOutByteForByteAsWrittenByHand() throws Exception {
        WriteOutcome outcome = SettlementWriter.write(dir, header(12, "0003000000010345" + "0".repeat(16)),
                SettlementWriter.FIRST_CHAIN_START, batch12());

        WriteOutcome.Written written = assertInstanceOf(WriteOutcome.Written.class, outcome);
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/dev/posterm/core/settlement/" + GoldenFiles.CSV_12)) {
            golden = in.readAllBytes();
        }
        assertArrayEquals(golden, Files.readAllBytes(written.csv()));
        assertEquals(List.of(), SettlementVerifier.verify(written.manifest()).problems());
        assertEquals(new Tally(4, 12345), written.totals().sales());
        assertEquals(new Tally(1, 3000), written.totals().offlineAdvised());
    }

    @Test
    void theChainGoesOnAcrossTwoFilesAndTheVerifierSaysSo() throws Exception {
        var first = (WriteOutcome.Written) SettlementWriter.write(dir, header(1, null), SettlementWriter.FIRST_CHAIN_START,
                batch12());
        var second = (WriteOutcome.Written) SettlementWriter.write(dir, header(2, null), first.chainHead(),
                List.of(row(Instant.parse("2026-12-04T07:00:00Z"), "p-2001").build()));

        Verdict one = SettlementVerifier.verify(first.csv());
        Verdict two = SettlementVerifier.verify(second.csv());

        assertEquals(List.of(), one.problems());
        assertEquals(List.of(), two.problems());
        assertEquals(List.of(), SettlementVerifier.continuity(one, two));
        assertEquals(first.chainHead(), second.chainStart());
    }

    @Test
    void idsThatNeedQuotingAndEveryKindOfRowAreReadBackWhole() throws Exception {
        Instant t = Instant.parse("2026-12-04T07:00:00Z");
        List<SettlementRow> rows = List.of(
                row(t, "p-1").state(State.REFUNDED).orderId("table \"4\", by the window").build(),
                row(t, "p-2").type(Type.REFUND).originalPaymentId("p-1").entryMode(EntryMode.NONE).build(),
                SettlementRow.builder().time(t.plusSeconds(5)).method(Method.QR).wallet(Wallet.UNIONPAY)
                        .amount(990, "CNY").state(State.DECLINED).responseCode("NOTENOUGH").orderId("line\r\nbreak")
                        .paymentId("p-3").outTradeNo("PT20261204000003").build(),
                SettlementRow.builder().time(t.plusSeconds(9)).method(Method.CASH).amount(500, "CNY")
                        .state(State.APPROVED).orderId("o-4").paymentId("p-4").build(),
                row(t.plusSeconds(20), "p-5").state(State.APPROVED_OFFLINE).hostStatus(HostStatus.CARRIED_OVER)
                        .authCode("Y30001").rrn("").build());

        var written = (WriteOutcome.Written) SettlementWriter.write(dir, header(7, null),
                SettlementWriter.FIRST_CHAIN_START, rows);

        assertEquals(List.of(), SettlementVerifier.verify(written.csv()).problems());
        assertEquals(5, written.rows());
        assertEquals(new Tally(2, 1500), written.totals().sales());
        assertEquals(new Tally(1, 1000), written.totals().refunds());
        assertEquals(new Tally(1, 1000), written.totals().carriedOver());
    }

    @Test
    void aWrittenBatchIsNeverWrittenAgain() throws Exception {
        var written = (WriteOutcome.Written) SettlementWriter.write(dir, header(3, null),
                SettlementWriter.FIRST_CHAIN_START, batch12());
        byte[] csv = Files.readAllBytes(written.csv());
        byte[] manifest = Files.readAllBytes(written.manifest());

        WriteOutcome again = SettlementWriter.write(dir, header(3, null), SettlementWriter.FIRST_CHAIN_START,
                batch12().subList(0, 2));

        assertInstanceOf(WriteOutcome.AlreadyWritten.class, again);
        assertArrayEquals(csv, Files.readAllBytes(written.csv()));
        assertArrayEquals(manifest, Files.readAllBytes(written.manifest()));
        assertEquals(List.of(written.csv().getFileName().toString(), written.manifest().getFileName().toString()),
                names(), "no temporary file is left behind");
    }

    @Test
    void aCsvLeftWithoutItsManifestIsAdoptedWhenItIsTheSameAndLeftAloneWhenNot() throws Exception {
        var written = (WriteOutcome.Written) SettlementWriter.write(dir, header(4, null),
                SettlementWriter.FIRST_CHAIN_START, batch12());
        Files.delete(written.manifest());   // as if the process died between the two renames

        WriteOutcome retried = SettlementWriter.write(dir, header(4, null), SettlementWriter.FIRST_CHAIN_START,
                batch12());
        assertInstanceOf(WriteOutcome.Written.class, retried);
        assertEquals(List.of(), SettlementVerifier.verify(written.csv()).problems());

        Files.delete(written.manifest());
        byte[] orphan = Files.readAllBytes(written.csv());
        WriteOutcome other = SettlementWriter.write(dir, header(4, null), SettlementWriter.FIRST_CHAIN_START,
                batch12().subList(0, 3));
        assertInstanceOf(WriteOutcome.Conflict.class, other);
        assertArrayEquals(orphan, Files.readAllBytes(written.csv()), "the orphan is evidence: untouched");
        assertEquals(List.of(written.csv().getFileName().toString()), names());
    }

    @Test
    void anAbandonedBatchLeavesNothing() throws Exception {
        try (SettlementWriter w = SettlementWriter.begin(dir, header(5, null), SettlementWriter.FIRST_CHAIN_START)) {
            w.add(batch12().get(0));
        }
        assertEquals(List.of(), names());
    }

    @Test
    void aRowCannotCarryMoreOfACardThanItsLastFour() {
        assertThrows(IllegalArgumentException.class, () -> row(Instant.EPOCH, "p").cardLast4("4761739001010119").build());
        assertThrows(IllegalArgumentException.class, () -> row(Instant.EPOCH, "p").cardLast4("0119 ").build());
    }

    @Test
    void rowsOutOfOrderOrInAnotherCurrencyAreRefused() throws Exception {
        try (SettlementWriter w = SettlementWriter.begin(dir, header(6, null), SettlementWriter.FIRST_CHAIN_START)) {
            w.add(row(Instant.parse("2026-12-04T07:00:00Z"), "p-1").build());
            assertThrows(IllegalArgumentException.class,
                    () -> w.add(row(Instant.parse("2026-12-04T06:59:59Z"), "p-2").build()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.add(row(Instant.parse("2026-12-04T07:00:00Z"), "p-3").amount(10, "USD").build()));
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static BatchHeader header(int batch, String field63) {
        HostVerdict host = field63 == null ? HostVerdict.forced(Optional.empty())
                : HostVerdict.answered("00", field63, Optional.of(field63));
        return new BatchHeader("T0000001", "M00000000000001", batch, Instant.parse("2026-12-03T06:00:02Z"),
                Instant.parse("2026-12-04T23:30:00Z"), "CNY", host);
    }

    /** An approved online chip sale of 10.00; tests change what they need. */
    static SettlementRow.Builder row(Instant time, String paymentId) {
        return SettlementRow.builder().time(time).method(Method.CARD).amount(1000, "CNY").state(State.APPROVED)
                .hostStatus(HostStatus.ONLINE).responseCode("00").authCode("123456").rrn("633708000001")
                .stan("000101").entryMode(EntryMode.CHIP).cardLast4("0119").orderId("o-" + paymentId)
                .paymentId(paymentId);
    }

    /** The rows of the hand-written settlement-T0000001-000012.csv. */
    static List<SettlementRow> batch12() {
        return List.of(
                row(Instant.parse("2026-12-03T08:01:05Z"), "p-1001").amount(4345, "CNY").orderId("o-1001").build(),
                row(Instant.parse("2026-12-03T08:15:40Z"), "p-1002").amount(3000, "CNY").state(State.APPROVED_OFFLINE)
                        .hostStatus(HostStatus.ADVISED).authCode("Y30042").rrn("").stan("000102").orderId("o-1002").build(),
                row(Instant.parse("2026-12-03T09:00:00Z"), "p-1003").amount(5000, "CNY").state(State.DECLINED)
                        .responseCode("51").authCode("").rrn("633708000002").stan("000103")
                        .entryMode(EntryMode.CONTACTLESS).cardLast4("4444").orderId("o-1003").build(),
                SettlementRow.builder().time(Instant.parse("2026-12-03T09:02:11Z")).method(Method.QR)
                        .wallet(Wallet.WECHAT).amount(2000, "CNY").state(State.APPROVED).orderId("o-1003")
                        .paymentId("p-1004").build(),
                row(Instant.parse("2026-12-03T11:45:09.750Z"), "p-1005").amount(3000, "CNY").authCode("654321")
                        .rrn("633708000003").stan("000104").entryMode(EntryMode.CONTACTLESS).cardLast4("4444")
                        .orderId("o-1005").build(),
                SettlementRow.builder().time(Instant.parse("2026-12-03T12:00:00Z")).method(Method.CASH)
                        .amount(800, "CNY").state(State.CANCELLED).orderId("o-1006").paymentId("p-1006").build());
    }
}
