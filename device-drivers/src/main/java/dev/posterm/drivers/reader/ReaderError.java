package dev.posterm.drivers.reader;

/** The {@code E} frame: the reader ended the transaction (card removed, cancelled, ...). */
public record ReaderError(ReaderErrorCode code, int rawCode) implements StartOutcome, FinalOutcome {
    public ReaderError(ReaderErrorCode code) {
        this(code, code.code());
    }
}
