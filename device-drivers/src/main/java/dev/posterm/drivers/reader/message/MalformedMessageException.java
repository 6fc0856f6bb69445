package dev.posterm.drivers.reader.message;

/**
 * A frame arrived intact but its body does not make the message the spec describes (a missing
 * or badly coded tag, an unknown type). The message names the frame type and the tag, never
 * the value bytes: they may be card data.
 */
public class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message);
    }
}
