package dev.posterm.core.journal;

/**
 * The journal could not be read or written: a fault, not an outcome. The engine stops the
 * payment where it stands; nothing after the failed step is done.
 */
public class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
