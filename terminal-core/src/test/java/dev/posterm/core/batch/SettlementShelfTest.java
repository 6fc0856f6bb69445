package dev.posterm.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.journal.BatchTable;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.settlement.BatchHeader;
import dev.posterm.core.settlement.HostVerdict;
import dev.posterm.core.settlement.SettlementWriter;
import dev.posterm.core.settlement.WriteOutcome;
import dev.posterm.core.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settlement files as the back office sees them, over a real journal and real files: the list,
 * which names can be served, and retention with a clock the test moves (90 days, 64 MB free).
 */
class SettlementShelfTest {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path data;
    Path dir;
    Journal journal;
    ManualClock clock = new ManualClock(Instant.parse("2027-01-04T15:00:00Z"));
    Alerts alerts;
    AtomicLong free = new AtomicLong(10_000 * MB);
    SettlementShelf shelf;
    String chainHead = SettlementWriter.FIRST_CHAIN_START;

    @BeforeEach
    void open() throws Exception {
        journal = Journal.open(data);
        dir = data.resolve("settlements");
        Files.createDirectories(dir);
        alerts = new Alerts(journal, new EventHub(), clock);
        shelf = new SettlementShelf(journal, dir, clock, alerts, 90, 64, free::get);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    /** Writes the open batch's (empty) files and closes it in the journal, as a close with the bank does. */
    private int closeBatch() throws Exception {
        var open = journal.read(BatchTable::open);
        BatchHeader header = new BatchHeader("T0000001", "M00000000000001", open.number(), open.openedAt(),
                clock.instant(), "CNY", HostVerdict.answered("00", "0".repeat(32), Optional.empty()));
        WriteOutcome.Written w = (WriteOutcome.Written) SettlementWriter.write(dir, header, chainHead, List.of());
        chainHead = w.chainHead();
        journal.inTransaction(c -> BatchTable.close(c, Optional.of("00"), Optional.empty(), false, header.csvName(),
                w.chainHead(), List.of(), clock.instant()));
        return open.number();
    }

    private static String csv(int batch) {
        return String.format("settlement-T0000001-%06d.csv", batch);
    }

    private static String json(int batch) {
        return String.format("settlement-T0000001-%06d.json", batch);
    }

    private void fetchBoth(int batch) {
        shelf.fetched(csv(batch));
        shelf.fetched(json(batch));
    }

    @Test
    void theListIsNewestFirstWithSizeHashBatchCloseTimeAndWhetherFetched() throws Exception {
        int first = closeBatch();
        clock.advance(Duration.ofDays(1));
        int second = closeBatch();
        shelf.fetched(csv(first));

        List<SettlementShelf.Listed> list = shelf.list();
        assertEquals(List.of(csv(second), json(second), csv(first), json(first)),
                list.stream().map(SettlementShelf.Listed::name).toList());
        SettlementShelf.Listed a = list.get(2);
        assertEquals(Files.size(dir.resolve(csv(first))), a.size());
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve(csv(first))))), a.sha256());
        assertEquals(first, a.batch());
        assertEquals(Instant.parse("2027-01-04T15:00:00Z"), a.closedAt());
        assertTrue(a.fetched());
        assertFalse(list.get(3).fetched(), "the manifest was not fetched");
        assertFalse(list.get(0).fetched());
    }

    @Test
    void onlyNamesTheJournalKnowsAreFoundNothingThatLooksLikeAPath() throws Exception {
        int batch = closeBatch();
        Files.writeString(dir.resolve(csv(batch + 5)), "seq\r\n");   // a file of the right shape the journal never wrote
        Files.writeString(data.resolve("secret.txt"), "not yours");
        assertTrue(shelf.find(csv(batch)).isPresent());
        assertTrue(shelf.find(json(batch)).isPresent());
        for (String name : List.of(csv(batch + 5), "..", ".", "../journal.db", "../secret.txt", "/etc/passwd",
                dir.resolve(csv(batch)).toString(), "settlements/" + csv(batch), "..\\" + csv(batch),
                csv(batch) + "\0", csv(batch) + "/..", "%2e%2e", "." + csv(batch) + ".tmp",
                csv(batch).toUpperCase(), "", csv(batch) + " ")) {
            assertTrue(shelf.find(name).isEmpty(), () -> "found: " + name.replace("\0", "\\0"));
        }
    }

    @Test
    void filesPastRetentionGoOnlyOnceBothWereFetched() throws Exception {
        int batch = closeBatch();
        clock.advance(Duration.ofDays(91));
        assertEquals(List.of(), shelf.sweep().removed(), "never fetched: kept however old");
        shelf.fetched(csv(batch));
        assertEquals(List.of(), shelf.sweep().removed(), "the manifest was never fetched: kept");
        shelf.fetched(json(batch));

        assertEquals(List.of(json(batch), csv(batch)), shelf.sweep().removed());
        assertFalse(Files.exists(dir.resolve(csv(batch))));
        assertFalse(Files.exists(dir.resolve(json(batch))));
        assertEquals(List.of(), shelf.list());
        assertTrue(shelf.find(csv(batch)).isEmpty(), "a removed file is not served");
        assertTrue(alerts.open().isEmpty(), "an ordinary removal raises nothing");
    }

    @Test
    void fetchedFilesYoungerThanRetentionStay() throws Exception {
        int batch = closeBatch();
        fetchBoth(batch);
        clock.advance(Duration.ofDays(90).minusSeconds(1));
        assertEquals(List.of(), shelf.sweep().removed());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, shelf.sweep().removed().size(), "at exactly 90 days they go");
    }

    @Test
    void whenTheDiskRunsShortTheOldestGoFetchedOrNotNeverTheNewestAndAnAlertNamesTheUnfetched() throws Exception {
        int first = closeBatch();
        int second = closeBatch();
        int third = closeBatch();
        fetchBoth(second);
        free.set(10 * MB);   // and it stays short whatever goes: all but the newest go, oldest first
        SettlementShelf scripted = shelf;
        SettlementShelf.Sweep sweep = scripted.sweep();
        assertEquals(List.of(json(first), csv(first), json(second), csv(second)), sweep.removed());
        assertEquals(List.of(json(first), csv(first)), sweep.removedUnfetched());
        assertTrue(Files.exists(dir.resolve(csv(third))), "the newest file is never removed for space");
        String open = alerts.open().toString();
        assertTrue(open.contains("SETTLEMENT_FILES_REMOVED_UNFETCHED"), open);

        scripted.fetched(csv(third));
        assertTrue(alerts.open().isEmpty(), "the back office fetching again clears the alert");
    }

    @Test
    void aRemovalInterruptedAfterTheJournalMarkedItIsFinishedByTheNextSweep() throws Exception {
        int batch = closeBatch();
        fetchBoth(batch);
        clock.advance(Duration.ofDays(100));
        byte[] csvBytes = Files.readAllBytes(dir.resolve(csv(batch)));
        shelf.sweep();
        Files.write(dir.resolve(csv(batch)), csvBytes);   // as if the process died before deleting it
        shelf.sweep();
        assertFalse(Files.exists(dir.resolve(csv(batch))));
    }
}
