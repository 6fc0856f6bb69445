package dev.posterm.drivers.reader.session;

import dev.posterm.drivers.reader.ReaderInfo;
import dev.posterm.drivers.reader.message.ReaderMessage;
import org.tinylog.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calls waiting for the reader, and the routing of its messages to them: {@code p} to every
 * waiting ping, {@code C}, {@code F} and {@code E} to the one transaction call if it expects that
 * type. Anything else is unmatched: counted and logged (type only), never delivered late, with
 * one exception: an {@code E} that comes while no call waits (the card pulled out after {@code C},
 * while the host is asked) is kept for the {@code complete} call that follows, so the payment
 * says "card removed" instead of the reader's answer to an {@code A} it no longer expects.
 */
final class Pending {
    private final String port;
    private final AtomicReference<Waiter> transaction = new AtomicReference<>();
    private final List<Waiter> pings = new CopyOnWriteArrayList<>();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile ReaderInfo lastInfo;
    private final AtomicReference<ReaderMessage.Error> strayError = new AtomicReference<>();

    Pending(String port) {
        this.port = port;
    }

    /** @return the waiter, or null if another transaction call is already waiting */
    Waiter openTransaction(Character... answeredBy) {
        Waiter w = new Waiter(answeredBy);
        return transaction.compareAndSet(null, w) ? w : null;
    }

    Waiter currentTransaction() {
        return transaction.get();
    }

    /** The {@code E} that came between calls, once; null if none. */
    ReaderMessage.Error takeStrayError() {
        return strayError.getAndSet(null);
    }

    /** A new transaction starts: an old stray {@code E} is about the last one, not this. */
    void forgetStrayError() {
        strayError.set(null);
    }

    void closeTransaction(Waiter w) {
        transaction.compareAndSet(w, null);
    }

    Waiter openPing() {
        Waiter w = new Waiter('p');
        pings.add(w);
        return w;
    }

    void closePing(Waiter w) {
        pings.remove(w);
    }

    ReaderInfo lastInfo() {
        return lastInfo;
    }

    long unmatched() {
        return unmatched.get();
    }

    void deliver(char type, ReaderMessage message) {
        if (message instanceof ReaderMessage.Pong pong) {
            lastInfo = pong.info();
            pings.forEach(w -> w.reply.complete(new Reply.Answer(message)));
            return;
        }
        Waiter w = transaction.get();
        if (w != null && w.answeredBy(type) && w.reply.complete(new Reply.Answer(message))) {
            return;
        }
        // No call waits, or the one there already has its answer (a C just delivered, its call not yet
        // closed): an E now is about the step to come.
        if ((w == null || w.reply.isDone()) && message instanceof ReaderMessage.Error e) {
            strayError.set(e);
            Logger.info("reader {}: E {} between calls: kept for the transaction's next step", port,
                    e.error().code());
            return;
        }
        unmatched.incrementAndGet();
        Logger.info("reader {}: {} frame with no call waiting for it ({} unmatched)", port, type, unmatched.get());
    }

    /**
     * A frame of {@code type} whose body could not be decoded: it ends the transaction call waiting
     * for that type now, rather than leaving it to wait out its deadline.
     */
    void unreadable(char type, String reason) {
        Waiter w = transaction.get();
        if (w != null && w.answeredBy(type)) {
            w.reply.complete(new Reply.Unreadable(type, reason));
        }
    }

    /** Ends every waiting call: the line is gone or the reader is closing. */
    void failAll(String reason) {
        Reply r = new Reply.Unavailable(reason);
        Waiter w = transaction.get();
        if (w != null) {
            w.reply.complete(r);
        }
        pings.forEach(p -> p.reply.complete(r));
    }
}
