package dev.posterm.core.vault;

/**
 * The card vault cannot do what was asked: a key file is missing, unsafe or damaged, or a sealed
 * blob does not open under this key for this payment. A fault, not an outcome.
 *
 * <p>Messages name the key file or the payment id and what to do; they never carry card data, key
 * bytes or sealed bytes.
 */
public class VaultException extends RuntimeException {
    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
