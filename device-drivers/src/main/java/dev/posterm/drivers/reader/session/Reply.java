package dev.posterm.drivers.reader.session;

import dev.posterm.drivers.reader.message.ReaderMessage;

/** How a wait for the reader's answer ended. */
sealed interface Reply {

    record Answer(ReaderMessage message) implements Reply {
    }

    /** {@code cancel()} was called and the reader could not be told, or did not confirm in time. */
    record Cancelled() implements Reply {
    }

    record Unavailable(String reason) implements Reply {
    }

    /** The awaited frame came, well framed, but its body could not be read (a bad TLV, a tag missing). */
    record Unreadable(char type, String reason) implements Reply {
    }
}
