package dev.posterm.simulator.reader;

/** How the card was read, as the reader reports it in DF40. */
public enum EntryMode {
    CHIP(0x01), CONTACTLESS(0x02), MAGSTRIPE(0x03), FALLBACK_SWIPE(0x04);

    final int code;

    EntryMode(int code) {
        this.code = code;
    }

    /** Magstripe reads carry no chip data (no cryptogram, no TVR): spec, flow step 5. */
    boolean hasChipData() {
        return this == CHIP || this == CONTACTLESS;
    }
}
