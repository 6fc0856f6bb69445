package dev.posterm.drivers.reader.message;

import dev.posterm.drivers.reader.CardFinal;
import dev.posterm.drivers.reader.CardRead;
import dev.posterm.drivers.reader.ReaderError;
import dev.posterm.drivers.reader.ReaderInfo;

/** A decoded reader-to-controller message. */
public sealed interface ReaderMessage {

    /** {@code p}: the answer to {@code P}. */
    record Pong(ReaderInfo info) implements ReaderMessage {
    }

    /** {@code C}: card read, first GENERATE AC done. */
    record Card(CardRead read) implements ReaderMessage {
    }

    /** {@code F}: second GENERATE AC done. */
    record Final(CardFinal result) implements ReaderMessage {
    }

    /** {@code E}: the reader ended or refused something. */
    record Error(ReaderError error) implements ReaderMessage {
    }
}
