package dev.posterm.core.hostlink;

import java.util.Optional;

/**
 * Bytes from the host that are not a message of the host profile. The message names the MTI
 * (when it could be read), the length, and what is wrong with which field, never a field's value:
 * fields 2, 14, 35, 45, 52 and 55 carry card data.
 */
public final class MalformedMessageException extends Exception {
    private final Optional<String> mti;
    private final int length;

    MalformedMessageException(Optional<String> mti, int length, String problem) {
        super("malformed ISO 8583 message (" + mti.orElse("MTI unreadable") + ", " + length + " bytes): " + problem);
        this.mti = mti;
        this.length = length;
    }

    /** The MTI, when the first four bytes were one of the profile's. */
    public Optional<String> mti() {
        return mti;
    }

    public int length() {
        return length;
    }
}
