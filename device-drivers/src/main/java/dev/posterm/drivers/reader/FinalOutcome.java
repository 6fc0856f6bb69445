package dev.posterm.drivers.reader;

/** What {@link CardReader#complete} ends with: the card's final word, a reader error, or no reader. */
public sealed interface FinalOutcome permits CardFinal, ReaderError, ReaderUnavailable {
}
