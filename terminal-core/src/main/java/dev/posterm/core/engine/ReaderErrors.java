package dev.posterm.core.engine;

import dev.posterm.core.errors.ErrorCode;
import dev.posterm.drivers.reader.ReaderErrorCode;

/** What the cashier is told for each reader error (DF50). */
final class ReaderErrors {
    private ReaderErrors() {
    }

    static ErrorCode toErrorCode(ReaderErrorCode code) {
        return switch (code) {
            case CARD_REMOVED -> ErrorCode.CARD_REMOVED;
            case READ_FAILURE -> ErrorCode.CARD_READ_FAILED;
            case NO_CARD -> ErrorCode.NO_CARD;
            case CANCELLED -> ErrorCode.CANCELLED;
            case CARD_BLOCKED -> ErrorCode.CARD_BLOCKED;
            case NO_SUPPORTED_APPLICATION -> ErrorCode.NO_SUPPORTED_APPLICATION;
            case FALLBACK_REQUIRED -> ErrorCode.FALLBACK_REQUIRED;
            case READER_FAULT, UNKNOWN -> ErrorCode.READER_FAULT;
        };
    }
}
