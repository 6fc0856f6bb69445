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
 * type. Anything else is unmatched: counted and logged (type only), never delivered late.
 */
final class Pending {
    private final String port;
    private final AtomicReference<Waiter> transaction = new AtomicReference<>();
    private final List<Waiter> pings = new CopyOnWriteArrayList<>();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile ReaderInfo lastInfo;

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
        unmatched.incrementAndGet();
        Logger.info("reader {}: {} frame with no call waiting for it ({} unmatched)", port, type, unmatched.get());
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
