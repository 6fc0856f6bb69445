package dev.posterm.core.engine.offline;

import dev.posterm.core.errors.ErrorCode;

/** The terminal's offline decision, journaled with its reason. */
public sealed interface OfflineDecision {
    String reason();

    /** Approve offline if the card agrees; {@code floorApplied} is the floor this sale was held to. */
    record Approve(long floorApplied, String reason) implements OfflineDecision {
    }

    /** Not offline: the cashier is told {@code code} and asks for another payment method. */
    record Refuse(ErrorCode code, String reason) implements OfflineDecision {
    }
}
