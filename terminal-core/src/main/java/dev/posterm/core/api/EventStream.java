package dev.posterm.core.api;

import com.sun.net.httpserver.HttpExchange;
import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.events.TerminalEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * {@code GET /events}: the terminal's events as Server-Sent Events.
 * <pre>
 * retry: 3000
 *
 * : heartbeat                      (a comment, every 15 s without events)
 *
 * event: payment                   (payment, order, alert or link)
 * data: {"paymentId":"P-7",...}    (one line of JSON, the shape of GET /payments/{id})
 *
 * </pre>
 * Each stream has its own virtual thread and a queue of {@value #QUEUE} events, so the engine's
 * thread that publishes never waits on a slow client and a stream holds no thread of the request
 * pool. A client too slow to keep up is cut off (it reconnects and reads the state again rather
 * than miss events silently). A closed connection is noticed at the next write, at the latest
 * by the next heartbeat, and its subscription is then closed. No {@code id:} lines: the terminal
 * keeps no event history to resume from, so after a reconnect a client reads the resources again.
 *
 * <p>At most {@link #MAX_STREAMS} streams are open at once, each holding a connection of the
 * server's few; one more is answered 503 API_BUSY with {@code Retry-After}, before it subscribes.
 * A stream frees its place when it ends, whoever ends it.
 */
final class EventStream {
    private static final int QUEUE = 256;
    /** Open streams at most: a counter has a register or two and a back-office screen. */
    static final int MAX_STREAMS = 8;

    private final Checkout checkout;
    private final Duration heartbeat;
    private final Set<Thread> pumps = ConcurrentHashMap.newKeySet();
    private final Semaphore places = new Semaphore(MAX_STREAMS);
    private volatile boolean closing;

    EventStream(Checkout checkout, Duration heartbeat) {
        this.checkout = checkout;
        this.heartbeat = heartbeat;
    }

    Reply open(Call call) throws Refused, IOException {
        call.query();
        if (!places.tryAcquire()) {
            throw new Refused(ErrorCode.API_BUSY, "All " + MAX_STREAMS + " event streams this terminal serves are open;"
                    + " close one, or try again shortly.");
        }
        HttpExchange exchange = call.exchange();
        BlockingQueue<TerminalEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        AtomicBoolean overflow = new AtomicBoolean();
        AutoCloseable subscription;
        try {
            subscription = checkout.subscribe(event -> {
                if (!queue.offer(event)) {
                    overflow.set(true);
                }
            });
        } catch (RuntimeException e) {
            places.release();
            throw e;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
        } catch (IOException | RuntimeException e) {
            places.release();
            unsubscribe(subscription, call.requestId());
            throw e;
        }
        Thread pump = Thread.ofVirtual().name("api-events-" + call.requestId())
                .unstarted(() -> pump(exchange, queue, overflow, subscription, call.requestId()));
        pumps.add(pump);
        pump.start();
        return new Reply.Streamed();
    }

    /** Ends every open stream (at shutdown). */
    void closeAll() {
        closing = true;
        pumps.forEach(Thread::interrupt);
    }

    private void pump(HttpExchange exchange, BlockingQueue<TerminalEvent> queue, AtomicBoolean overflow,
                      AutoCloseable subscription, String requestId) {
        try (OutputStream out = exchange.getResponseBody()) {
            send(out, "retry: 3000\n\n");
            while (!closing && !overflow.get()) {
                TerminalEvent event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                send(out, event == null ? ": heartbeat\n\n" : frame(event));
            }
            if (overflow.get()) {
                Logger.warn("{} event stream cut off: the client did not keep up with {} queued events", requestId, QUEUE);
            }
        } catch (IOException e) {
            Logger.debug("{} event stream closed by the client: {}", requestId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            places.release();
            unsubscribe(subscription, requestId);
            exchange.close();
            pumps.remove(Thread.currentThread());
        }
    }

    static String frame(TerminalEvent event) {
        Views.EventView view = Views.event(event);
        return "event: " + view.name() + "\ndata: " + new String(Json.write(view.data()), StandardCharsets.UTF_8) + "\n\n";
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void unsubscribe(AutoCloseable subscription, String requestId) {
        try {
            subscription.close();
        } catch (Exception e) {
            Logger.warn(e, "{} closing the event subscription failed", requestId);
        }
    }
}
