package dev.posterm.drivers.reader;

/** DF50 in an {@code E} frame. */
public enum ReaderErrorCode {
    CARD_REMOVED(0x01),
    READ_FAILURE(0x02),
    NO_CARD(0x03),
    CANCELLED(0x04),
    CARD_BLOCKED(0x05),
    NO_SUPPORTED_APPLICATION(0x06),
    FALLBACK_REQUIRED(0x07),
    READER_FAULT(0x08),
    /** A code the spec does not list: kept so nothing is lost, treated as a reader fault. */
    UNKNOWN(-1);

    private final int code;

    ReaderErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ReaderErrorCode fromCode(int code) {
        for (ReaderErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
