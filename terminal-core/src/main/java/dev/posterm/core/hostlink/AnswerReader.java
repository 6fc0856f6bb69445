package dev.posterm.core.hostlink;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The read side of one connection: socket bytes to framer to codec, until the connection breaks.
 * Undecodable messages are handed on and reading goes on; a framing violation ends it.
 */
final class AnswerReader {
    private final Connection connection;
    private final Iso8583Codec codec;
    private final Clock clock;
    private final BiConsumer<IsoMessage, Instant> answers;
    private final Consumer<MalformedMessageException> undecodable;
    private final LengthPrefixFramer framer = new LengthPrefixFramer();

    AnswerReader(Connection connection, Iso8583Codec codec, Clock clock, BiConsumer<IsoMessage, Instant> answers,
                 Consumer<MalformedMessageException> undecodable) {
        this.connection = connection;
        this.codec = codec;
        this.clock = clock;
        this.answers = answers;
        this.undecodable = undecodable;
    }

    /** Reads until the connection breaks; returns why, in words. */
    String readUntilBroken() {
        byte[] buf = new byte[4096];
        InputStream in = connection.in();
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                return connection.isClosed() ? connection.closeReason() : "read failed: " + e.getMessage();
            }
            if (n < 0) {
                return "host closed the connection";
            }
            for (LengthPrefixFramer.Event event : framer.accept(buf, 0, n)) {
                switch (event) {
                    case LengthPrefixFramer.Body body -> decode(body.bytes());
                    case LengthPrefixFramer.Oversize o -> {
                        return "framing violation: length " + o.declaredLength() + " above the maximum " + o.maximum();
                    }
                }
            }
        }
    }

    private void decode(byte[] body) {
        Instant at = clock.instant();
        IsoMessage answer;
        try {
            answer = codec.decode(body);
        } catch (MalformedMessageException e) {
            undecodable.accept(e);
            return;
        }
        answers.accept(answer, at);
    }
}
