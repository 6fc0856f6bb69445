package dev.posterm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.posterm.core.api.ApiServer;
import dev.posterm.core.journal.OrderTable;
import dev.posterm.core.journal.PaymentRow;
import dev.posterm.core.journal.PaymentTable;
import dev.posterm.core.payment.Payment;
import dev.posterm.core.payment.PaymentState;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two requests for one order at the same instant, over real HTTP against the real engine and a real
 * SQLite journal: the order is paid once, whatever the methods. Each race is run {@value #ROUNDS}
 * times, the two requests released together by a barrier, since one round proves little.
 */
class PaymentRaceTest {
    private static final int ROUNDS = 50;
    private static final String CASHIER = "race-cashier-token-0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASH = "{\"method\":\"CASH\",\"tendered\":2000}";
    private static final String CARD = "{\"method\":\"CARD\"}";

    private EngineRig rig;
    private ApiServer api;
    private HttpClient client;
    private ExecutorService senders;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        rig = new EngineRig(dir, false);
        api = new ApiServer("127.0.0.1", 0, CASHIER, "race-backoffice-token-0001", "CNY", Optional.empty(),
                Optional.empty(), rig.engine, () -> null, rig.clock, 4);
        api.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        senders = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        senders.shutdownNow();
        client.close();
        api.stop();
        rig.close();
    }

    @Test
    void twoCashPaymentsAtOnceTakeTheMoneyOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String order = newOrder("CC-" + round);
            List<HttpResponse<String>> answers = atOnce(pay(order, CASH, null), pay(order, CASH, null));

            assertOneWonOneRefused(answers, order, Set.of("ORDER_NOT_PAYABLE"));
            assertPaidOnce(order, "PAID");
        }
    }

    @Test
    void cardAndCashAtOnceTakeTheMoneyOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String order = newOrder("KC-" + round);
            CountDownLatch cardHeld = holdTheNextCard();
            List<HttpResponse<String>> answers = atOnce(pay(order, CARD, null), pay(order, CASH, null));

            HttpResponse<String> won = assertOneWonOneRefused(answers, order, Set.of("ORDER_NOT_PAYABLE"));
            assertPaidOnce(order, body(won).get("method").asText().equals("CARD") ? "PAYING" : "PAID");
            letTheCardGo(cardHeld, order);
        }
    }

    @Test
    void theSameIdempotencyKeyTwiceAtOnceIsOnePaymentAnsweredTwice() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String order = newOrder("IK-" + round);
            String method = round % 2 == 0 ? CASH : CARD;
            CountDownLatch cardHeld = holdTheNextCard();
            List<HttpResponse<String>> answers = atOnce(pay(order, method, "till3-" + round),
                    pay(order, method, "till3-" + round));

            assertEquals(202, answers.get(0).statusCode(), answers.get(0).body());
            assertEquals(202, answers.get(1).statusCode(), answers.get(1).body());
            assertEquals(body(answers.get(0)).get("paymentId"), body(answers.get(1)).get("paymentId"));
            assertPaidOnce(order, method.equals(CASH) ? "PAID" : "PAYING");
            letTheCardGo(cardHeld, order);
        }
    }

    @Test
    void theSameKeyWithAnotherBodyAtOnceIs422ForTheLoser() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String order = newOrder("KB-" + round);
            CountDownLatch cardHeld = holdTheNextCard();
            List<HttpResponse<String>> answers = atOnce(pay(order, CARD, "till3-" + round),
                    pay(order, CASH, "till3-" + round));

            HttpResponse<String> won = answers.stream().filter(a -> a.statusCode() == 202).findFirst()
                    .orElseThrow(() -> new AssertionError("nobody won: " + bodies(answers)));
            HttpResponse<String> lost = answers.get(answers.get(0) == won ? 1 : 0);
            assertEquals(422, lost.statusCode(), bodies(answers));
            assertEquals("IDEMPOTENCY_KEY_REUSED", body(lost).get("errorCode").asText());
            assertPaidOnce(order, body(won).get("method").asText().equals("CARD") ? "PAYING" : "PAID");
            letTheCardGo(cardHeld, order);
        }
    }

    @Test
    void aKeyUsedAgainWithTheSameBodyReturnsThePaymentAndWithAnotherBodyIs422() throws Exception {
        String order = newOrder("K-1");
        HttpResponse<String> first = send(pay(order, CASH, "till3-0042"));
        HttpResponse<String> again = send(pay(order, CASH, "till3-0042"));
        HttpResponse<String> other = send(pay(order, "{\"method\":\"CASH\",\"tendered\":5000}", "till3-0042"));

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, again.statusCode(), again.body());
        assertEquals(body(first).get("paymentId"), body(again).get("paymentId"));
        assertEquals(422, other.statusCode(), other.body());
        assertEquals("IDEMPOTENCY_KEY_REUSED", body(other).get("errorCode").asText());
        assertTrue(body(other).get("detail").asText().contains("Idempotency-Key"), other.body());
        assertPaidOnce(order, "PAID");
    }

    @Test
    void cancelAndCashAtOnceNeverLeaveACancelledOrderWithMoneyTaken() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String order = newOrder("XC-" + round);
            List<HttpResponse<String>> answers = atOnce(
                    request("/api/v1/orders/" + order + "/cancel", null, null), pay(order, CASH, null));

            int cancelled = answers.get(0).statusCode();
            int paid = answers.get(1).statusCode();
            assertTrue((cancelled == 200 && paid == 409) || (cancelled == 409 && paid == 202), bodies(answers));
            List<PaymentRow> payments = rig.journal.read(c -> PaymentTable.forOrder(c, order));
            String state = rig.journal.read(c -> OrderTable.find(c, order)).orElseThrow().state().name();
            assertEquals(paid == 202 ? "PAID" : "CANCELLED", state, bodies(answers));
            assertEquals(paid == 202 ? 1 : 0, payments.size(), bodies(answers));
        }
    }

    // --- the race ---------------------------------------------------------------------------

    /** Sends both requests released by one barrier; answers in the order given. */
    private List<HttpResponse<String>> atOnce(HttpRequest a, HttpRequest b) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (HttpRequest request : List.of(a, b)) {
            sent.add(senders.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : sent) {
            answers.add(f.get(20, TimeUnit.SECONDS));
        }
        return answers;
    }

    private HttpResponse<String> assertOneWonOneRefused(List<HttpResponse<String>> answers, String order,
                                                        Set<String> refusals) throws Exception {
        List<HttpResponse<String>> won = answers.stream().filter(a -> a.statusCode() == 202).toList();
        List<HttpResponse<String>> lost = answers.stream().filter(a -> a.statusCode() == 409).toList();
        assertEquals(1, won.size(), order + ": " + bodies(answers));
        assertEquals(1, lost.size(), order + ": " + bodies(answers));
        assertTrue(refusals.contains(body(lost.get(0)).get("errorCode").asText()), bodies(answers));
        return won.get(0);
    }

    /** One payment row for the order, and the order in the state that one payment gives it. */
    private void assertPaidOnce(String order, String orderState) {
        List<PaymentRow> payments = rig.journal.read(c -> PaymentTable.forOrder(c, order));
        assertEquals(1, payments.size(), order + " has payments " + payments.stream().map(PaymentRow::paymentId).toList());
        assertEquals(orderState, rig.journal.read(c -> OrderTable.find(c, order)).orElseThrow().state().name(), order);
    }

    /** The next card payment waits at the reader until {@link #letTheCardGo}, then finds no card. */
    private CountDownLatch holdTheNextCard() {
        CountDownLatch hold = new CountDownLatch(1);
        synchronized (rig.reader) {
            rig.reader.starts.clear();
            rig.reader.starts.add(new ReaderError(ReaderErrorCode.NO_CARD, 0x03));
        }
        rig.reader.holdStart = hold;
        return hold;
    }

    /** Ends a held card payment of the order, if one started, so the reader is free for the next round. */
    private void letTheCardGo(CountDownLatch hold, String order) throws Exception {
        hold.countDown();
        for (PaymentRow p : rig.journal.read(c -> PaymentTable.forOrder(c, order))) {
            Payment done = rig.engine.awaitPayment(p.paymentId(), Duration.ofSeconds(10)).orElseThrow();
            assertTrue(done.state() != PaymentState.PENDING, "card payment " + p.paymentId() + " did not end");
        }
        // CardSale marks itself finished before committing its outcome, so the reader is free now.
    }

    // --- HTTP ---------------------------------------------------------------------------------

    private String newOrder(String orderId) throws Exception {
        HttpResponse<String> created = send(request("/api/v1/orders",
                "{\"orderId\":\"" + orderId + "\",\"amount\":1250,\"currency\":\"CNY\"}", null));
        assertEquals(201, created.statusCode(), created.body());
        return orderId;
    }

    private HttpRequest pay(String order, String body, String key) {
        return request("/api/v1/orders/" + order + "/payments", body, key);
    }

    private HttpRequest request(String path, String json, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.address().getPort() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + CASHIER)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return b.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String bodies(List<HttpResponse<String>> answers) {
        return answers.stream().map(a -> a.statusCode() + " " + a.body()).toList().toString();
    }
}
