package dev.posterm.drivers.reader;

/** Cryptogram information data (9F27): what the card decided, by its top two bits. */
public enum Cid {
    /** 00: the card declines. */
    AAC,
    /** 40: the card approves (offline at first GENERATE AC, or finally at the second). */
    TC,
    /** 80: the card asks to go online. */
    ARQC;

    /** Decodes by the two high bits, as EMV Book 3 defines (the low bits carry advice flags). */
    public static Cid fromByte(int value) {
        return switch (value & 0xC0) {
            case 0x00 -> AAC;
            case 0x40 -> TC;
            case 0x80 -> ARQC;
            default -> throw new IllegalArgumentException("CID " + Integer.toHexString(value) + " is reserved (AAR)");
        };
    }
}
