package dev.posterm.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that open connections and send their request a byte at a time (slowloris), before any
 * token has been checked: over raw sockets against the real server.
 */
class SlowClientTest {
    private static final String DRIBBLED = "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "X-Padding: " + "x".repeat(200) + "\r\n\r\n";

    private TestApi api;
    private final List<RawHttp> slow = new ArrayList<>();
    private final ExecutorService dribblers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
    }

    @AfterEach
    void stop() throws Exception {
        dribblers.shutdownNow();
        for (RawHttp raw : slow) {
            raw.close();
        }
        api.close();
    }

    /** A connection that has begun its request line and sends one more byte every 250 ms. */
    private RawHttp dribbling() throws Exception {
        RawHttp raw = new RawHttp(api.server.address());
        slow.add(raw);
        raw.write(DRIBBLED.substring(0, 1));
        dribblers.execute(() -> {
            try {
                for (int i = 1; i < DRIBBLED.length(); i++) {
                    TimeUnit.MILLISECONDS.sleep(250); // the attack's pace, not a synchronisation
                    raw.write(DRIBBLED.substring(i, i + 1));
                }
            } catch (Exception closedOrStopped) {
                // the server cut the connection, or the test is over
            }
        });
        return raw;
    }

    @Test
    void aNormalClientIsServedWhileSlowClientsHoldMoreConnectionsThanThereAreRequestThreads() throws Exception {
        for (int i = 0; i < 12; i++) {
            dribbling();
        }

        HttpResponse<String> status = api.get("/api/v1/status");

        assertEquals(200, status.statusCode(), status.body());
    }

    @Test
    void aClientStillDribblingItsRequestIsCutOffAfterTheRequestTime() throws Exception {
        RawHttp raw = dribbling();

        // The whole request would take 60 s at this pace; the server allows 5 s (checked every second).
        assertTrue(raw.closedByServerWithin(15_000), "a dribbling client was not cut off");
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheRequestTime() throws Exception {
        RawHttp raw = new RawHttp(api.server.address());
        slow.add(raw);

        assertTrue(raw.closedByServerWithin(15_000), "a silent connection was kept open");
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnceAndTheCapFreesAsTheyGo() throws Exception {
        for (int i = 0; i < JdkServerLimits.MAX_CONNECTIONS; i++) {
            dribbling();
        }
        try (RawHttp over = new RawHttp(api.server.address())) {
            over.write("G");
            assertTrue(over.closedByServerWithin(5_000), "a connection beyond the cap was served");
        }
        for (RawHttp raw : slow) {
            raw.close();
        }
        slow.clear();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        HttpResponse<String> status = null;
        while (status == null) {
            try {
                status = api.get("/api/v1/status");
            } catch (java.io.IOException refusedWhileTheServerNoticesTheCloses) {
                assertTrue(System.nanoTime() < deadline, "the cap did not free up after the slow clients left");
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        assertEquals(200, status.statusCode());
    }
}
