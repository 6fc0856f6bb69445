package dev.posterm.core.engine;

import java.time.Instant;

/** What the event stream ({@code GET /events}) carries. */
public sealed interface TerminalEvent {
    Instant at();

    record PaymentChanged(Instant at, Payment payment) implements TerminalEvent {
    }

    record OrderChanged(Instant at, Order order) implements TerminalEvent {
    }

    record AlertRaised(Instant at, String code, String english, String chinese) implements TerminalEvent {
    }

    record AlertCleared(Instant at, String code) implements TerminalEvent {
    }

    record LinkChanged(Instant at, String state, String reason) implements TerminalEvent {
    }
}
