package dev.posterm.core.wiring;

import dev.posterm.core.hostlink.EchoTest;
import dev.posterm.core.hostlink.HostLink;
import dev.posterm.core.hostlink.HostReply;
import dev.posterm.core.hostlink.IsoMessage;
import dev.posterm.drivers.reader.CardReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Does a configuration work? The host answers an echo test (0800, 39 = 00) and the card reader
 * answers its status ({@code P}), each tried again every second until the deadline: a link that
 * is still connecting gets its chance, a host address that answers nothing does not pass.
 */
final class DeviceCheck {
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration READER_WAIT = Duration.ofSeconds(5);

    private final HostLink host;
    private final Supplier<IsoMessage> echo;
    private final CardReader reader;
    private final Duration hostTimeout;
    private final Clock clock;

    DeviceCheck(HostLink host, Supplier<IsoMessage> echo, CardReader reader, Duration hostTimeout, Clock clock) {
        this.host = host;
        this.echo = echo;
        this.reader = reader;
        this.hostTimeout = hostTimeout;
        this.clock = clock;
    }

    /** @return empty when both answered before {@code deadline}; else what did not, for the history */
    Optional<String> run(Instant deadline) throws InterruptedException {
        String last = "nothing was checked before the deadline";
        while (clock.instant().isBefore(deadline)) {
            HostReply reply = host.exchange(echo.get(), shorter(hostTimeout, deadline));
            if (!EchoTest.passed(reply)) {
                last = "the host did not answer an echo test (0800): " + describe(reply);
            } else if (reader.ping(shorter(READER_WAIT, deadline)).isEmpty()) {
                last = "the card reader did not answer its status (P)";
            } else {
                return Optional.empty();
            }
            // Each failed try, so a rollback's log shows what the check saw all along, not only the last.
            org.tinylog.Logger.debug("config check: {}; trying again until {}", last, deadline);
            Duration pause = shorter(PAUSE, deadline);
            if (!pause.isZero()) {
                Thread.sleep(pause.toMillis());   // a pause between tries, not a synchronisation
            }
        }
        return Optional.of(last);
    }

    private Duration shorter(Duration d, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : (left.compareTo(d) < 0 ? left : d);
    }

    private static String describe(HostReply reply) {
        return switch (reply) {
            case HostReply.Answered a -> "answered " + a.response().mti() + " with 39="
                    + a.response().field(39).orElse("(none)");
            case HostReply.NoAnswer n -> "no answer in " + n.waited().toMillis() + " ms";
            case HostReply.Unreachable u -> "unreachable: " + u.reason();
        };
    }
}
