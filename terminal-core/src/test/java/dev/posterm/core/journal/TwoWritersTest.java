package dev.posterm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connections on one journal, as when a configuration is confirmed by the applier while the
 * controller it has just started writes its first rows: a transaction that reads and then writes
 * must not lose its write because the other connection committed in between.
 */
class TwoWritersTest {
    @TempDir
    Path dir;

    @Test
    void aTransactionThatReadsThenWritesKeepsItsWriteWhileAnotherConnectionCommits() throws Exception {
        // Threads of their own: the common pool may have a single thread on a small machine.
        try (Journal applier = Journal.open(dir); Journal controller = Journal.open(dir);
             var threads = Executors.newFixedThreadPool(2)) {
            CountDownLatch applierHasRead = new CountDownLatch(1);
            CountDownLatch controllerCommitted = new CountDownLatch(1);
            CompletableFuture<Void> confirm = CompletableFuture.runAsync(() -> applier.inTransaction(tx -> {
                count(tx);   // reads first, as a ledger checks its state before it writes
                applierHasRead.countDown();
                // The controller's commit lands here when transactions begin deferred; with the write
                // lock taken at BEGIN it waits for this one instead, so this wait ends by its bound.
                awaitAtMostASecond(controllerCommitted);
                insert(tx, 1);
                return null;
            }), threads);
            applierHasRead.await(5, TimeUnit.SECONDS);
            CompletableFuture<Void> start = CompletableFuture.runAsync(() -> controller.inTransaction(tx -> {
                insert(tx, 2);
                return null;
            }), threads).thenRun(controllerCommitted::countDown);
            confirm.get(10, TimeUnit.SECONDS);
            start.get(10, TimeUnit.SECONDS);
            assertEquals(2, controller.read(TwoWritersTest::count), "both writes kept");
        }
    }

    private static void awaitAtMostASecond(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(Tx tx) throws java.sql.SQLException {
        try (Statement s = tx.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM journal_probe")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void insert(Tx tx, int id) throws java.sql.SQLException {
        try (Statement s = tx.createStatement()) {
            s.executeUpdate("INSERT INTO journal_probe (id, room) VALUES (" + id + ", x'00')");
        }
    }
}
