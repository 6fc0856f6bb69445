package dev.posterm.core.api;

import static dev.posterm.core.api.TestApi.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused authentication is written down for audit, never with the token, and slowed per address. */
class AuthFailuresTest {
    /** Sent as a wrong token; no three characters of it may reach the audit log. */
    private static final String WRONG = "Zq9xKw7Pm2";

    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch paused = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        AuthFailures failures = new AuthFailures(java.time.Clock.systemUTC(), delay -> {
            pauses.add(delay);
            paused.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS), "the test never let the slowed client go");
        }, audit::add);
        api = new TestApi(Duration.ofMillis(100), failures);
    }

    @AfterEach
    void stop() {
        release.countDown();
        api.close();
    }

    @Test
    void aWrongTokenIsAuditedWithAddressMethodPathAndRequestIdButNoPartOfTheToken() throws Exception {
        problem(api.send(api.request("GET", "/api/v1/status", WRONG, null).header("X-Request-Id", "till3-req-77")),
                401, "UNAUTHORIZED");

        assertEquals(1, audit.size(), audit.toString());
        String line = audit.get(0);
        for (String part : List.of("127.0.0.1", "GET", "/api/v1/status", "till3-req-77")) {
            assertTrue(line.contains(part), part + " missing from: " + line);
        }
        for (int i = 0; i + 3 <= WRONG.length(); i++) {
            assertFalse(line.contains(WRONG.substring(i, i + 3)), "part of the token in: " + line);
        }
    }

    @Test
    void aMissingTokenAndTheWrongRoleAreAuditedToo() throws Exception {
        problem(api.send("GET", "/api/v1/status", null, null), 401, "UNAUTHORIZED");
        problem(api.send("GET", "/api/v1/orders/A-1", TestApi.BACKOFFICE, null), 403, "FORBIDDEN");

        assertEquals(2, audit.size(), audit.toString());
        assertTrue(audit.get(0).contains("no token"), audit.get(0));
        assertTrue(audit.get(1).contains("BACKOFFICE") && audit.get(1).contains("/api/v1/orders/A-1"), audit.get(1));
        assertFalse(audit.get(1).contains(TestApi.BACKOFFICE), audit.get(1));
    }

    @Test
    void repeatedFailuresFromOneAddressWaitLongerEachTimeUpToABoundAndASuccessForgetsThem() throws Exception {
        for (int i = 0; i < 8; i++) {
            problem(api.send("GET", "/api/v1/status", WRONG, null), 401, "UNAUTHORIZED");
        }
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4)), pauses, "the first failure is free");

        assertEquals(200, api.get("/api/v1/status").statusCode());
        problem(api.send("GET", "/api/v1/status", WRONG, null), 401, "UNAUTHORIZED");
        assertEquals(7, pauses.size(), "after a success the next failure counts as the first");
    }

    @Test
    void aClientBeingSlowedDownHoldsUpNobodyElse() throws Exception {
        problem(api.send("GET", "/api/v1/status", WRONG, null), 401, "UNAUTHORIZED");
        paused = new CountDownLatch(1);
        release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> slowed = api.client.sendAsync(
                api.request("GET", "/api/v1/status", WRONG, null).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(paused.await(5, TimeUnit.SECONDS), "the second failure was not slowed down");

        for (int i = 0; i < 6; i++) {
            assertEquals(200, api.get("/api/v1/status").statusCode(), "served while a failure is held back");
        }
        assertFalse(slowed.isDone());
        release.countDown();
        problem(slowed.get(5, TimeUnit.SECONDS), 401, "UNAUTHORIZED");
    }

    @Test
    void eachAddressIsCountedApartAndTheTableOfAddressesIsBounded() {
        AuthFailures failures = new AuthFailures(java.time.Clock.systemUTC(), delay -> { }, line -> { });
        for (int i = 0; i < 3; i++) {
            failures.penalty("10.0.0.1");
        }
        assertEquals(Duration.ZERO, failures.penalty("10.0.0.2"));
        assertEquals(Duration.ofSeconds(1), failures.penalty("10.0.0.1"));
        for (int i = 0; i < AuthFailures.MAX_SOURCES * 2; i++) {
            failures.penalty("10.1." + i / 256 + "." + i % 256);
        }
        assertTrue(failures.sources() <= AuthFailures.MAX_SOURCES);
    }
}
