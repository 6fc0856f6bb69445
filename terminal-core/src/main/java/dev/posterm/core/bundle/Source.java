package dev.posterm.core.bundle;

/** Where a bundle came from, as the history shows it. */
public enum Source {
    /** {@code POST /api/v1/config/bundle}. */
    API,
    /** {@code posterm config import} of a USB stick (a mount point or its {@code posterm/} folder). */
    STICK,
    /** {@code posterm config import} of a {@code terminal.toml} named on the command line. */
    CLI
}
