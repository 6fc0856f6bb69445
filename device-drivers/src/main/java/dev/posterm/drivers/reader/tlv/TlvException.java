package dev.posterm.drivers.reader.tlv;

/** A body is not valid BER-TLV. The message gives the offset and what is wrong, never value bytes. */
public class TlvException extends Exception {
    public TlvException(String message) {
        super(message);
    }
}
