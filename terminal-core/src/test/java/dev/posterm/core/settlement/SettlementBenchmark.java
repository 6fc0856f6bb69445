package dev.posterm.core.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.core.settlement.SettlementRow.EntryMode;
import dev.posterm.core.settlement.SettlementRow.HostStatus;
import dev.posterm.core.settlement.SettlementRow.Method;
import dev.posterm.core.settlement.SettlementRow.State;
import dev.posterm.core.settlement.SettlementRow.Type;
import dev.posterm.core.settlement.SettlementRow.Wallet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing and verifying one batch of 100,000 transactions (rows made on the fly, never held in a
 * list): the writer to a real file with its fsyncs, the verifier streaming it back. Not a test of
 * speed (no timed assertions): it prints figures for docs/performance.md, which gives the command.
 * Excluded from the normal run by its tag.
 */
@Tag("benchmark")
class SettlementBenchmark {
    static final int ROWS = Integer.getInteger("posterm.bench.rows", 100_000);
    private static final Instant OPENED = Instant.parse("2026-12-03T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void writeAndVerifyOneHundredThousandTransactions() throws Exception {
        System.out.println("settlement benchmark, " + ROWS + " transactions in one batch"
                + " (wall time, and this thread's CPU time: the machine is shared)");
        double[][] runs = new double[6][];
        for (int run = 0; run < runs.length; run++) {   // run 0 warms the JIT up and is not counted
            runs[run] = once(run + 1);
        }
        double[][] counted = java.util.Arrays.copyOfRange(runs, 1, runs.length);
        System.out.printf("  median of %d runs: write %.2f s wall / %.2f s CPU, verify %.2f s wall / %.2f s CPU%n",
                counted.length, median(counted, 0), median(counted, 1), median(counted, 2), median(counted, 3));
    }

    private static double median(double[][] runs, int column) {
        double[] v = java.util.Arrays.stream(runs).mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    private static double cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    /** One batch written and verified: {write wall, write CPU, verify wall, verify CPU} in seconds. */
    private double[] once(int run) throws Exception {
        BatchTotals.Counter counter = new BatchTotals.Counter();
        for (SettlementRow r : rows()) {
            counter.add(r.type(), r.method(), r.state(), r.hostStatus(), r.amount());
        }
        String field63 = counter.totals().cardField63();
        BatchHeader header = new BatchHeader("T0000001", "M00000000000001", run, OPENED,
                OPENED.plusSeconds(ROWS * 2L), "CNY", HostVerdict.answered("00", field63, Optional.of(field63)));
        long start = System.nanoTime();
        double cpu = cpu();
        var written = (WriteOutcome.Written) SettlementWriter.write(dir, header, SettlementWriter.FIRST_CHAIN_START,
                rows());
        double writeWall = (System.nanoTime() - start) / 1e9;
        double writeCpu = cpu() - cpu;
        start = System.nanoTime();
        cpu = cpu();
        Verdict verdict = SettlementVerifier.verify(written.csv());
        double verifyWall = (System.nanoTime() - start) / 1e9;
        double verifyCpu = cpu() - cpu;
        assertEquals(List.of(), verdict.problems());
        assertEquals(ROWS, verdict.rows());
        System.out.printf("  run %d: write %.2f s wall / %.2f s CPU (%.1f MB CSV), verify %.2f s wall / %.2f s CPU%n",
                run, writeWall, writeCpu, written.csvSize() / 1e6, verifyWall, verifyCpu);
        Files.delete(written.csv());
        Files.delete(written.manifest());
        return new double[] {writeWall, writeCpu, verifyWall, verifyCpu};
    }

    /** A day at a busy counter: cash and QR mostly, under 10,000 card sales (field 63 is n4). */
    private static Iterable<SettlementRow> rows() {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < ROWS;
            }

            @Override
            public SettlementRow next() {
                return row(++i);
            }
        };
    }

    private static SettlementRow row(int i) {
        SettlementRow.Builder b = SettlementRow.builder().time(OPENED.plusSeconds(i)).amount(100 + i % 9_900, "CNY")
                .orderId("o-" + i).paymentId("p-" + i).state(State.APPROVED);
        int kind = i % 100;
        if (kind < 9) {
            return b.method(Method.CARD).hostStatus(kind == 0 ? HostStatus.ADVISED : HostStatus.ONLINE)
                    .state(kind == 0 ? State.APPROVED_OFFLINE : State.APPROVED).responseCode("00")
                    .authCode(String.format("%06d", i % 1_000_000)).rrn(String.format("63370%07d", i))
                    .stan(String.format("%06d", i % 1_000_000)).entryMode(EntryMode.CHIP).cardLast4("0119").build();
        }
        if (kind == 9) {
            return b.method(Method.CARD).hostStatus(HostStatus.ONLINE).state(State.DECLINED).responseCode("51")
                    .rrn(String.format("63370%07d", i)).stan(String.format("%06d", i % 1_000_000))
                    .entryMode(EntryMode.CONTACTLESS).cardLast4("4444").build();
        }
        if (kind < 60) {
            return b.method(Method.QR).wallet(i % 2 == 0 ? Wallet.WECHAT : Wallet.ALIPAY).outTradeNo("PT" + i).build();
        }
        if (kind == 99) {
            return b.method(Method.CASH).type(Type.REFUND).originalPaymentId("p-" + (i - 39)).build();
        }
        return b.method(Method.CASH).build();
    }
}
