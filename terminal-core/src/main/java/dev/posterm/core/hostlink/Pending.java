package dev.posterm.core.hostlink;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A request waiting for its answer: settled once, by the reader (answer) or by a lost connection. */
final class Pending {

    sealed interface Settled {
    }

    record Arrived(IsoMessage answer, Instant at) implements Settled {
    }

    record Lost(String reason) implements Settled {
    }

    final CompletableFuture<Settled> settled = new CompletableFuture<>();
    /** The connection it was written to; null until the write starts. */
    volatile Connection carrier;
    volatile Instant sentAt;
    /** The whole frame left on {@link #carrier}: only then can losing that connection lose its answer. */
    volatile boolean onWire;

    boolean written() {
        return carrier != null;
    }

    /** @return false if it was already settled (a second answer to the same key) */
    boolean settle(Settled outcome) {
        return settled.complete(outcome);
    }
}
