package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.posterm.simulator.demo.ControllerProcess;
import dev.posterm.simulator.reader.CardScript;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host connection that goes silent (a cellular NAT that dropped its mapping: the socket stays
 * "connected", nothing gets through either way), over the real {@code posterm run} process and the
 * acquirer simulator, with a 1.5 s host timeout. Nobody pulls a plug or restarts anything: the
 * controller itself must notice, hang up and dial again, and the books must come out right.
 */
class SilentHostConnectionTest {
    /** Past the timeouts (1.5 s each), a redial, and a reversal's first backoff (5 s). */
    private static final Duration RECOVERED = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aSilentConnectionIsReplacedByTheControllerAndNoApprovalStandsForASaleTheRegisterWasToldFailed()
            throws Exception {
        try (Shop shop = Shop.withoutController(dir, 1500);
             ControllerProcess posterm = ControllerProcess.start(shop.configFile, dir.resolve("posterm.out"))) {
            assertTrue(posterm.awaitReady(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1/status"),
                    Shop.CASHIER, Duration.ofSeconds(60)), "not ready; see " + posterm.output());
            shop.reader.enqueue(CardScript.onlineChip());
            assertEquals("APPROVED", shop.sell("before", 1200).path("state").asText());
            assertEquals(1, shop.acquirer.connectionsAccepted());

            // Over the floor limit: no answer, and no offline approval either.
            assertEquals(1, shop.acquirer.blackHoleOpenConnections());
            shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.MASTERCARD_PAN));
            JsonNode tooBig = shop.sell("too-big", 25_000);
            assertEquals("FAILED", tooBig.path("state").asText(), tooBig.toString());
            assertEquals("OFFLINE_FLOOR_EXCEEDED", tooBig.path("errorCode").asText(), tooBig.toString());
            assertEquals("UNPAID", shop.register.order("too-big").body().path("state").asText());
            awaitReplacedAndOwedNothing(shop, 2);

            // Within the floor limit: no answer, approved offline by the card, reversed then advised.
            assertEquals(1, shop.acquirer.blackHoleOpenConnections());
            shop.reader.enqueue(CardScript.onlineChip().withPan(CardScript.UNIONPAY_PAN));
            JsonNode small = shop.sell("small", 3000);
            assertEquals("APPROVED_OFFLINE", small.path("state").asText(), small.toString());
            assertTrue(small.path("authCode").asText().startsWith("Y3"), small.toString());
            assertEquals("PAID", shop.register.order("small").body().path("state").asText());
            awaitReplacedAndOwedNothing(shop, 3);

            shop.reader.enqueue(CardScript.onlineChip());
            JsonNode after = shop.sell("after", 1300);
            assertEquals("APPROVED", after.path("state").asText(), "online again on the new connection: " + after);
            assertEquals(3, shop.acquirer.connectionsAccepted(), "the next sale needed no further dial");
            assertEquals(2, shop.acquirer.ledger().count("0200"),
                    "only the sales before and after reached the host as 0200s; the silent ones were lost on the way");

            assertNotEquals(-1, posterm.stop(Duration.ofSeconds(20)), "did not stop on SIGTERM; see " + posterm.output());
            Books.assertAgree(shop.dataDir.resolve("journal.db"), shop.acquirer.ledger());
        }
    }

    /**
     * The controller hung up the silent connection (the host sees it close) and dialled a new one by
     * itself; the unanswered 0200's reversal and any advice went on it; the link is ONLINE again.
     */
    private static void awaitReplacedAndOwedNothing(Shop shop, long dialled) throws Exception {
        Shop.await(RECOVERED, "connection " + dialled + " dialled, the silent one hung up, nothing owed", () -> {
            JsonNode status = shop.status();
            return shop.acquirer.connectionsAccepted() == dialled && shop.acquirer.connectionCount() == 1
                    && status.path("pendingReversals").asInt(-1) == 0
                    && status.path("storeAndForward").path("count").asInt(-1) == 0
                    && "ONLINE".equals(status.path("link").path("state").asText());
        });
    }
}
