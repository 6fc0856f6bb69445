package dev.posterm.core.hostlink;

/**
 * Tells a connection that has gone silent from one that is merely slow. A cellular NAT that drops
 * its mapping leaves the socket "connected" while nothing comes back; without this every sale
 * would wait its whole timeout and be reversed until something else noticed.
 *
 * <p>The current connection is judged dead after {@value #UNANSWERED_IN_A_ROW} requests in a row
 * got no answer in time on it, or at once when an echo test (0800) got none: an echo is sent to ask
 * exactly that question. Anything at all read from the host (an answer, a late or unmatched one, an
 * undecodable one) proves the path works and starts the count again.
 */
final class Silence {
    static final int UNANSWERED_IN_A_ROW = 2;

    private Connection current;   // guarded by this
    private int unanswered;       // guarded by this

    synchronized void connected(Connection c) {
        current = c;
        unanswered = 0;
    }

    synchronized void heard(Connection c) {
        if (c == current) {
            unanswered = 0;
        }
    }

    /**
     * A request on {@code c} timed out.
     *
     * @return why to give {@code c} up, or null to keep it (another connection's stale timeout is ignored)
     */
    synchronized String unanswered(Connection c, boolean echoTest) {
        if (c != current) {
            return null;
        }
        unanswered++;
        if (echoTest) {
            return "the host did not answer an echo test: connection dropped, dialling again";
        }
        return unanswered >= UNANSWERED_IN_A_ROW
                ? "the host did not answer " + unanswered + " requests in a row: connection dropped, dialling again"
                : null;
    }
}
