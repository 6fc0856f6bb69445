package dev.posterm.core.engine;

/**
 * The cash drawer, opened after a cash sale is committed (implemented by {@code receipt}: a pulse
 * through the receipt printer). Opening is not journaled and not repeated after a restart: a
 * drawer that springs open by itself at start, long after its sale, is worse than one the cashier
 * opens by key.
 */
public interface CashDrawer {
    /** A terminal without a drawer. */
    CashDrawer NONE = paymentId -> { };

    /** Opens the drawer for the committed cash payment {@code paymentId}, soon, without blocking the caller. */
    void open(String paymentId);
}
