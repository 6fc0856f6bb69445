package dev.posterm.drivers.reader;

import java.time.Duration;
import java.util.Optional;

/**
 * The card reader as the controller sees it: the session layer of CRL/1
 * ({@code ../shared/specs/card-reader-link.md}), over framing, codec and a transport.
 *
 * <p>Calls block the calling thread until the reader answers or the deadline passes; expected
 * outcomes (a card, an {@code E} frame, no reader) are values, never exceptions. One transaction
 * at a time: {@link #start} while one is in progress is refused by the reader with DF50=08, and
 * the driver reports that as a {@link ReaderError}. {@link #cancel()} may be called from another
 * thread and makes a pending {@link #start} or {@link #complete} return.
 *
 * <p>A reader that is unplugged or silent is not fatal: the driver reports
 * {@link ReaderUnavailable} and keeps reopening the port in the background, sending {@code P}
 * first after every opening.
 */
public interface CardReader extends AutoCloseable {

    /** Opens the port and starts the background link; returns at once even if the reader is absent. */
    void connect();

    /** Sends {@code S} and waits up to {@code deadline} for {@code C} or {@code E}. */
    StartOutcome start(StartTransaction request, Duration deadline);

    /** Sends {@code A} and waits up to {@code deadline} for {@code F} or {@code E}. */
    FinalOutcome complete(Authorisation authorisation, Duration deadline);

    /** Sends {@code X}; the pending call (if any) ends with {@link ReaderErrorCode#CANCELLED}. */
    void cancel();

    /** Sends {@code D}: two lines on the reader's display for {@code seconds}. Best effort. */
    void display(String line1, String line2, int seconds);

    /** Sends {@code P}; empty if the reader did not answer within {@code deadline}. */
    Optional<ReaderInfo> ping(Duration deadline);

    /** What the driver knows now, for status: cheap, never blocks on the line. */
    ReaderHealth health();

    @Override
    void close();
}
