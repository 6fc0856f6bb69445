package dev.posterm.drivers.reader;

/** DF40 entry mode, with the ISO 8583 field 22 value the host profile maps it to. */
public enum EntryMode {
    CHIP(0x01, "051"),
    CONTACTLESS(0x02, "071"),
    MAGSTRIPE(0x03, "901"),
    FALLBACK_SWIPE(0x04, "801");

    private final int code;
    private final String posEntryMode;

    EntryMode(int code, String posEntryMode) {
        this.code = code;
        this.posEntryMode = posEntryMode;
    }

    public int code() {
        return code;
    }

    /** ISO 8583 field 22. */
    public String posEntryMode() {
        return posEntryMode;
    }

    public static EntryMode fromCode(int code) {
        for (EntryMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown entry mode DF40=" + code);
    }
}
