package dev.posterm.drivers.reader;

/** What {@link CardReader#start} ends with: a card, a reader error, or no reader. */
public sealed interface StartOutcome permits CardRead, ReaderError, ReaderUnavailable {
}
