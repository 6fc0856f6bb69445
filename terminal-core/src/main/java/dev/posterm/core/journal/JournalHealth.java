package dev.posterm.core.journal;

/**
 * Whether the journal takes writes, as its last commit found out. Set by every commit: a commit
 * that fails for want of room or on an I/O error makes it {@link Full} or {@link Failing}; the
 * next commit that succeeds (any part's, or {@link Journal#probe()}) makes it {@link Writable}.
 */
public sealed interface JournalHealth {

    /** The last commit went through. */
    record Writable() implements JournalHealth {
    }

    /** No room left on the file system for the journal (SQLITE_FULL). */
    record Full(String detail) implements JournalHealth {
    }

    /** The storage failed the write: an I/O error, a file turned read-only or gone (SQLITE_IOERR and kin). */
    record Failing(String detail) implements JournalHealth {
    }
}
