package dev.posterm.core.vault;

/** Sealed card data could not be opened or the key could not be used. Never carries card data. */
public class VaultException extends RuntimeException {
    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
