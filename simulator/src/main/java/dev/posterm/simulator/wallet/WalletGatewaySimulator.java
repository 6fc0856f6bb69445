package dev.posterm.simulator.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.posterm.simulator.SimLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A QR wallet gateway (wallet-gateway.md) over plain HTTP on 127.0.0.1, with its own books.
 *
 * <p>Every {@code POST /v1/pay|query|reverse|refund} is checked as a gateway would: {@code X-Mch-Id}
 * is the merchant's, {@code X-Timestamp} within 300 s of the simulator's clock, {@code X-Nonce} of the
 * right form and never seen before, {@code X-Signature} right over the exact body. Any failure is
 * HTTP 401 {@code {"code":"SIGN_ERROR"}}, signed like every answer (the simulator's choice where the
 * spec is silent: a 401 is an answer too). What a pay does is chosen per payment code, for the next
 * pay, or by the code's last digits ({@link Behaviour}).
 *
 * <p>Control calls, unsigned, for a technician: {@code POST /sim/next {"behaviour": "NOTENOUGH",
 * "queries": 2, "recalls": 1}}, {@code POST /sim/release} (let held answers go), {@code GET /sim/trades}.
 * Faults for tests: {@link #tamperNextAnswers}, {@link #failNext}, {@link #holdEverything}.
 */
public final class WalletGatewaySimulator implements AutoCloseable {
    static final long WINDOW_SECONDS = 300;
    /** A held answer is let go after this at the latest, so a forgotten test cannot hang. */
    static final Duration HOLD_MAX = Duration.ofSeconds(60);

    private final SimLog log = new SimLog("wallet");
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final String merchantId;
    private final GatewaySigning signing;
    private final Clock clock;
    private final WalletBooks books;
    private final HttpServer server;
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> byCode = new ConcurrentHashMap<>();
    private final Deque<Behaviour> next = new ArrayDeque<>();
    private final AtomicInteger tamper = new AtomicInteger();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger signRefusals = new AtomicInteger();
    private volatile boolean holdEverything;
    private volatile CountDownLatch release = new CountDownLatch(1);

    public WalletGatewaySimulator(int port, String merchantId, String key, Clock clock) throws IOException {
        this.merchantId = merchantId;
        this.signing = new GatewaySigning(key);
        this.clock = clock;
        this.books = new WalletBooks(clock);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/", this::call);
        server.createContext("/sim/", this::control);
    }

    public WalletGatewaySimulator start() {
        server.start();
        log.add("listening on http://127.0.0.1:" + port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public SimLog log() {
        return log;
    }

    /** The books: one trade, or null if the gateway never saw it. */
    public Trade trade(String outTradeNo) {
        return books.trade(outTradeNo);
    }

    public List<Trade> trades() {
        return books.trades();
    }

    /** Pays with this payment code behave so (overrides the last-digits rule). */
    public void behaviourFor(String authCode, Behaviour behaviour) {
        byCode.put(authCode, behaviour);
    }

    /** The next pay behaves so, whatever its code. */
    public synchronized void nextPay(Behaviour behaviour) {
        next.addLast(behaviour);
    }

    /** The next {@code count} answers have their body changed after signing (a tampered answer). */
    public void tamperNextAnswers(int count) {
        tamper.set(count);
    }

    /**
     * The next calls answer with these HTTP statuses (503; 401 answers a signed SIGN_ERROR, as for a
     * replayed nonce), before touching the books.
     */
    public synchronized void failNext(int... statuses) {
        for (int status : statuses) {
            failures.addLast(status);
        }
    }

    /** While on, every call is processed but its answer held (a gateway that went silent). */
    public void holdEverything(boolean on) {
        holdEverything = on;
        log.add(on ? "holding every answer" : "answering again");
    }

    /** Lets every held answer go (to a client that has long given up). */
    public void releaseHeld() {
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }

    /** Answers being held right now. */
    public int heldAnswers() {
        return held.get();
    }

    /** Requests refused with 401 SIGN_ERROR so far. */
    public int signRefusals() {
        return signRefusals.get();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }

    private void call(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            String call = exchange.getRequestURI().getPath().substring("/v1/".length());
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, Map.of("code", "PARAM_ERROR"));
                return;
            }
            String refusal = checkSignature(exchange, body);
            if (refusal != null) {
                signRefusals.incrementAndGet();
                log.add(call + " refused: " + refusal);
                answer(exchange, 401, Map.of("code", "SIGN_ERROR"));
                return;
            }
            Integer failure = nextFailure();
            if (failure != null) {
                log.add(call + " answered HTTP " + failure + " (fault)");
                answer(exchange, failure, Map.of("code", failure == 401 ? "SIGN_ERROR" : "SYSTEMERROR"));
                return;
            }
            JsonNode request = json.readTree(body);
            WalletBooks.PayAnswer result = handle(call, request);
            if (result == null) {
                answer(exchange, 404, Map.of("code", "PARAM_ERROR"));
                return;
            }
            if (result.hold() || holdEverything) {
                hold(call);
            }
            answer(exchange, 200, result.body());
        }
    }

    private WalletBooks.PayAnswer handle(String call, JsonNode r) {
        String outTradeNo = r.path("outTradeNo").asText();
        if (!outTradeNo.matches("[A-Za-z0-9_-]{6,32}")) {
            return new WalletBooks.PayAnswer(WalletBooks.fail("PARAM_ERROR", "outTradeNo"), false);
        }
        return switch (call) {
            case "pay" -> pay(outTradeNo, r);
            case "query" -> logged(call, outTradeNo, books.query(outTradeNo));
            case "reverse" -> logged(call, outTradeNo, books.reverse(outTradeNo));
            case "refund" -> logged(call, outTradeNo, books.refund(outTradeNo, r.path("outRefundNo").asText(),
                    r.path("refundAmount").asLong()));
            default -> null;
        };
    }

    private WalletBooks.PayAnswer pay(String outTradeNo, JsonNode r) {
        String code = r.path("authCode").asText();
        long amount = r.path("amount").asLong();
        String currency = r.path("currency").asText();
        if (!r.path("amount").isIntegralNumber() || amount <= 0 || !currency.matches("[A-Z]{3}")) {
            return new WalletBooks.PayAnswer(WalletBooks.fail("PARAM_ERROR", "amount or currency"), false);
        }
        Behaviour behaviour = chosen(code);
        WalletBooks.PayAnswer answer = books.pay(outTradeNo, amount, currency, code, behaviour);
        log.add("pay " + outTradeNo + " " + amount + " " + currency + " code " + masked(code) + " (" + behaviour.kind()
                + "): " + answer.body().get("code") + (answer.hold() ? " held" : ""));
        return answer;
    }

    private WalletBooks.PayAnswer logged(String call, String outTradeNo, Map<String, Object> body) {
        log.add(call + " " + outTradeNo + ": " + body.get("code")
                + (body.containsKey("tradeState") ? " " + body.get("tradeState") : "")
                + (body.containsKey("errCode") ? " " + body.get("errCode") : "")
                + (Boolean.TRUE.equals(body.get("recall")) ? " recall" : ""));
        return new WalletBooks.PayAnswer(body, false);
    }

    private synchronized Behaviour chosen(String code) {
        Behaviour queued = next.pollFirst();
        return queued != null ? queued : byCode.getOrDefault(code, Behaviour.byLastDigits(code));
    }

    private synchronized Integer nextFailure() {
        return failures.pollFirst();
    }

    /** Null when the request is the merchant's, fresh and rightly signed; else why not. */
    private String checkSignature(HttpExchange exchange, byte[] body) {
        var h = exchange.getRequestHeaders();
        String mch = h.getFirst("X-Mch-Id");
        String timestamp = h.getFirst("X-Timestamp");
        String nonce = h.getFirst("X-Nonce");
        String signature = h.getFirst("X-Signature");
        if (!merchantId.equals(mch)) {
            return "unknown merchant";
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            return "no timestamp";
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(Long.parseLong(timestamp) - now) > WINDOW_SECONDS) {
            return "timestamp " + timestamp + " outside 300 s of " + now;
        }
        if (nonce == null || !nonce.matches("[A-Za-z0-9]{16,32}")) {
            return "bad nonce";
        }
        if (!signing.matches(timestamp, nonce, body, signature)) {
            return "bad signature";
        }
        nonces.values().removeIf(seenAt -> seenAt < now - 2 * WINDOW_SECONDS);
        if (nonces.putIfAbsent(nonce, now) != null) {
            return "nonce seen before";
        }
        return null;
    }

    private void hold(String call) {
        held.incrementAndGet();
        log.add(call + " answer held");
        try {
            release.await(HOLD_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, int status, Map<String, Object> fields) throws IOException {
        byte[] body = json.writeValueAsBytes(fields);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        String signature = signing.signatureOf(timestamp, nonce, body);
        if (tamper.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            body = json.writeValueAsBytes(tampered(fields));
            log.add("answer tampered after signing (fault)");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Timestamp", timestamp);
        exchange.getResponseHeaders().add("X-Nonce", nonce);
        exchange.getResponseHeaders().add("X-Signature", signature);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException gone) {
            // the client gave up (a held answer): nothing to tell it
        }
    }

    /** A FAIL turned into SUCCESS: what an attacker on the path would try. */
    private static Map<String, Object> tampered(Map<String, Object> fields) {
        Map<String, Object> changed = new HashMap<>(fields);
        changed.put("code", "SUCCESS");
        changed.put("tradeState", "SUCCESS");
        changed.remove("errCode");
        return changed;
    }

    private String nonce() {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/sim/next" -> {
                    JsonNode r = json.readTree(body.length == 0 ? "{}".getBytes() : body);
                    Behaviour.Kind kind = Behaviour.Kind.valueOf(r.path("behaviour").asText("PAID"));
                    Behaviour b = new Behaviour(kind, r.path("queries").asInt(kind
                            == Behaviour.Kind.USERPAYING_THEN_PAID ? 2 : 0),
                            r.has("seconds") ? Duration.ofSeconds(r.path("seconds").asLong()) : null,
                            r.path("recalls").asInt(0));
                    nextPay(b);
                    log.add("next pay: " + b);
                    plain(exchange, 200, json.writeValueAsBytes(Map.of("next", b.toString())));
                }
                case "/sim/release" -> {
                    releaseHeld();
                    plain(exchange, 200, "{}".getBytes());
                }
                case "/sim/trades" -> plain(exchange, 200, json.writeValueAsBytes(trades().stream()
                        .map(t -> Map.of("outTradeNo", t.outTradeNo(), "state", t.state(), "amount", t.amount(),
                                "refunded", t.refunded(), "returned", t.returned(), "reverses", t.reverses().size()))
                        .toList()));
                default -> plain(exchange, 404, "{}".getBytes());
            }
        } catch (IllegalArgumentException e) {
            plain(exchange, 400, json.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private static void plain(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(64 * 1024);
    }

    private static String masked(String code) {
        return code.length() < 10 ? "*".repeat(code.length())
                : code.substring(0, 2) + "*".repeat(code.length() - 6) + code.substring(code.length() - 4);
    }
}
