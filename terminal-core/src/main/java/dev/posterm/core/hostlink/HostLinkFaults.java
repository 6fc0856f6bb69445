package dev.posterm.core.hostlink;

/**
 * Where the host link reports faults of its own: an unexpected exception in its worker (a bug,
 * not the network). The session has already survived it (dropped the connection, failed what it
 * carried as "no answer", dialling again); this is so that a person hears of it. The wiring
 * connects it to the alerts; hostlink knows nothing of them.
 *
 * <p>Called on the session's worker thread: implementations must not block for long, and what they
 * throw is logged and ignored.
 */
public interface HostLinkFaults {

    /** Nobody listens: the log alone has it. */
    HostLinkFaults NONE = new HostLinkFaults() {
        @Override
        public void fault(String what) {
        }

        @Override
        public void recovered() {
        }
    };

    /**
     * @param what the peer, the operation and the exception's class, in words; never message bytes
     *             nor the exception's message (which might hold them)
     */
    void fault(String what);

    /**
     * The host answered a request again. Also called after the first answer since start, so a
     * fault left reported by the last run can be cleared.
     */
    void recovered();
}
