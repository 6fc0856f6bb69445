package dev.posterm.drivers.reader;

/** DF20 in the {@code A} frame: what the controller tells the card about the authorisation. */
public enum HostDecision {
    HOST_APPROVED(0x01),
    HOST_DECLINED(0x02),
    /** The host could not be reached: approve offline if the card agrees. */
    UNABLE_TO_GO_ONLINE(0x03),
    TERMINAL_DECLINES_OFFLINE(0x04);

    private final int code;

    HostDecision(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
