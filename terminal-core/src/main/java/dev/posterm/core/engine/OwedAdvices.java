package dev.posterm.core.engine;

import dev.posterm.core.journal.AdviceRow;
import java.util.List;

/**
 * A port: the offline approvals the journal owes the host as advices (0220), forwarded by
 * store-and-forward. The engine journals them with the sale and nudges.
 */
public interface OwedAdvices {
    /** An advice was just confirmed, or the back office asked: forward now, not at the next round. */
    void nudge();

    /** Every advice, oldest first, its sealed card data left out: for GET /saf. */
    List<AdviceRow> items();
}
