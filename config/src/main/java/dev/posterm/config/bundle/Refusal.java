package dev.posterm.config.bundle;

/**
 * Why a bundle is refused: the error codes of {@code shared/specs/config-bundle.md}, in the order
 * its checks run (the first failing check is the refusal).
 */
public enum Refusal {
    /** A file missing or unreadable, not UTF-8, or TOML that does not parse. */
    BUNDLE_UNREADABLE,
    /** The signature is empty: nobody signed this bundle. */
    BUNDLE_UNSIGNED,
    /** A signature that is malformed or that no trusted key verifies (or no key is trusted). */
    BUNDLE_BAD_SIGNATURE,
    /** {@code bundle.version} absent, or not greater than the version the terminal runs. */
    BUNDLE_NOT_NEWER,
    /** {@code terminal.id} or {@code data.dir} is not this terminal's. */
    BUNDLE_WRONG_TERMINAL,
    /** The configuration has problems; every one is listed with its key and line. */
    BUNDLE_INVALID
}
