package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.reader.CardScript;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory that runs out of room, for real: the real {@code posterm run} process with its
 * data.dir on a small tmpfs mounted for it alone in a mount namespace of its own (unshare -m; nothing
 * stays mounted if the test dies), filled by a file as a runaway log would. The test reaches that
 * file system through {@code /proc/PID/root}, the controller's own view of the mounts.
 *
 * <p>The journal's WAL decides when a full disk shows. Until its first checkpoint (1000 pages) the
 * WAL only grows, so every commit needs new room and the first one after the disk fills fails with
 * SQLITE_FULL. Once a checkpoint has reset it, commits reuse the space the WAL file already holds:
 * they succeed, durably, on a full disk, and STORAGE_FULL comes at the first commit that needs more
 * room (or whose checkpoint must grow the database file). Nothing is lost either way, but the moment
 * of refusal differs, so this test states which case it is in rather than hope: the WAL header's
 * checkpoint sequence number is still 0 when the disk fills.
 */
class FullDiskProcessTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsNewPaymentsWithAnAlertLosesNothingAndPaymentsResumeOnceThereIsRoom() throws Exception {
        Assumptions.assumeTrue(canMountPrivately(), "unshare -m and mount not allowed here");
        try (Shop shop = Shop.withoutController(dir)) {
            Files.createDirectories(shop.dataDir);
            try (ControllerProcess posterm = ControllerProcess.start(List.of("unshare", "-m", "sh", "-c",
                    "mount -t tmpfs -o size=16m posterm-small \"$0\" && exec \"$@\"", shop.dataDir.toString()),
                    shop.configFile, dir.resolve("posterm.out"))) {
                assertTrue(posterm.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"),
                        Shop.CASHIER, Duration.ofSeconds(60)), "not ready; see " + posterm.output());
                Path dataDir = Path.of("/proc/" + posterm.pid() + "/root" + shop.dataDir.toAbsolutePath());
                shop.reader.enqueue(CardScript.onlineChip());
                JsonNode first = shop.sell("before-full", 1250);
                assertEquals("APPROVED", first.path("state").asText(), first.toString());
                shop.printer.awaitSlips(2, Duration.ofSeconds(10));

                assertEquals(0, checkpointSequence(dataDir.resolve("journal.db-wal")),
                        "the WAL was reset by a checkpoint: the first commits would reuse its room (see the class comment)");
                Path filler = dataDir.resolve("filler");
                fill(filler);
                long readerStarts = shop.reader.transactionsStarted();
                int sales = shop.acquirer.ledger().count("0200");
                CashRegister.Answer refused = trySale(shop, "while-full", 990);
                assertEquals(503, refused.status(), refused.body().toString());
                assertEquals("STORAGE_FULL", refused.text("errorCode"), refused.body().toString());
                assertEquals(readerStarts, shop.reader.transactionsStarted(), "the reader was not asked for a card");
                assertEquals(sales, shop.acquirer.ledger().count("0200"), "nothing went to the host");
                assertTrue(openAlerts(shop).contains("STORAGE_FULL"), shop.status().toString());

                Files.delete(filler);
                shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN));
                JsonNode after = shop.sell("after-room", 1990);
                assertEquals("APPROVED", after.path("state").asText(), after.toString());
                assertFalse(openAlerts(shop).contains("STORAGE_FULL"), shop.status().toString());

                JsonNode kept = shop.register.awaitPayment(first.path("paymentId").asText(), 0).body();
                assertEquals("APPROVED", kept.path("state").asText(), kept.toString());
                assertEquals(first.path("authCode").asText(), kept.path("authCode").asText());
                assertEquals("PAID", shop.register.order("before-full").body().path("state").asText());

                // The tmpfs lives as long as a process is in its namespace: a second one keeps it past
                // the controller's exit, so the journal can be read as a clean stop left it.
                Process keeper = new ProcessBuilder("nsenter", "-t", Long.toString(posterm.pid()), "-m", "sleep", "120")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    Shop.await(Duration.ofSeconds(10), "nsenter to join the controller's mounts",
                            () -> Files.exists(Path.of("/proc/" + keeper.pid() + "/root" + shop.dataDir.toAbsolutePath()
                                    + "/journal.db")) && ProcessHandle.of(keeper.pid()).flatMap(h -> h.info().command())
                                    .map(c -> c.endsWith("sleep")).orElse(false));
                    assertNotEquals(-1, posterm.stop(Duration.ofSeconds(20)), "did not stop on SIGTERM; see " + posterm.output());
                    Path copy = dir.resolve("journal-after");
                    Files.createDirectories(copy);
                    Path stopped = Path.of("/proc/" + keeper.pid() + "/root" + shop.dataDir.toAbsolutePath());
                    for (String name : List.of("journal.db", "journal.db-wal")) {
                        if (Files.exists(stopped.resolve(name))) {
                            Files.copy(stopped.resolve(name), copy.resolve(name));
                        }
                    }
                    Path journal = copy.resolve("journal.db");
                    assertEquals("ok", integrity(journal));
                    Books.assertAgree(journal, shop.acquirer.ledger());
                } finally {
                    keeper.destroy();
                    keeper.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Writes zeros until the file system refuses: what a runaway log or a forgotten core dump does. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }

    /** Bytes 12..15 of a WAL header (sqlite.org/fileformat2.html#walformat), big-endian. */
    private static int checkpointSequence(Path wal) throws IOException {
        byte[] header = new byte[32];
        try (var in = Files.newInputStream(wal)) {
            assertEquals(32, in.readNBytes(header, 0, 32), "a WAL header");
        }
        return java.nio.ByteBuffer.wrap(header, 12, 4).getInt();
    }

    private static CashRegister.Answer trySale(Shop shop, String orderId, long amount) throws IOException {
        CashRegister.Answer order = shop.register.createOrder(orderId, amount, "CNY", "full disk test");
        if (order.status() != 201) {
            return order;
        }
        return shop.register.payByCard(orderId);
    }

    private static List<String> openAlerts(Shop shop) throws IOException {
        return StreamSupport.stream(shop.status().path("alerts").spliterator(), false)
                .map(a -> a.path("code").asText()).toList();
    }

    private static String integrity(Path journal) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean canMountPrivately() throws Exception {
        Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m probe /mnt")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
