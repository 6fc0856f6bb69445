package dev.posterm.drivers.reader.session;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One call waiting for the reader: which message types answer it, and the answer when it comes. */
final class Waiter {
    private final Set<Character> answeredBy;
    final CompletableFuture<Reply> reply = new CompletableFuture<>();
    /** Set by {@code cancel()}: when to stop waiting for the reader's E 04 and return CANCELLED. */
    volatile long cancelGraceEndNanos = Long.MAX_VALUE;

    Waiter(Character... answeredBy) {
        this.answeredBy = Set.of(answeredBy);
    }

    boolean answeredBy(char type) {
        return answeredBy.contains(type);
    }

    boolean cancelRequested() {
        return cancelGraceEndNanos != Long.MAX_VALUE;
    }
}
