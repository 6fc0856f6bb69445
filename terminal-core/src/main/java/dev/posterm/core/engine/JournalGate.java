package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.journal.JournalException;
import dev.posterm.core.journal.JournalHealth;
import java.util.function.Supplier;

/**
 * No new order or payment while the journal cannot take writes: it would begin what the terminal
 * could not record. Refused before any device or the host is asked, so nothing is charged. While
 * the journal is sick each new request first tries {@link Journal#probe()}: payments resume by
 * themselves once the journal has room again.
 */
final class JournalGate {
    private JournalGate() {
    }

    /** @throws Refused STORAGE_FULL or JOURNAL_UNAVAILABLE while the journal is sick and a probe does not cure it */
    static void ensureWritable(Journal journal) throws Refused {
        if (!(journal.health() instanceof JournalHealth.Writable)) {
            refuseIfSick(journal.probe());
        }
    }

    /** The request's first commit: one that fails on the storage refuses the request (nothing was begun). */
    static <T> T firstWrite(Journal journal, Supplier<T> write) throws Refused {
        try {
            return write.get();
        } catch (JournalException e) {
            refuseIfSick(journal.health());
            throw e;
        }
    }

    private static void refuseIfSick(JournalHealth health) throws Refused {
        switch (health) {
            case JournalHealth.Full f -> throw new Refused(ErrorCode.STORAGE_FULL, "the journal is full: " + f.detail());
            case JournalHealth.Failing f -> throw new Refused(ErrorCode.JOURNAL_UNAVAILABLE,
                    "the journal cannot be written: " + f.detail());
            case JournalHealth.Writable w -> { }
        }
    }
}
