package dev.posterm.drivers.modem;

import dev.posterm.drivers.io.Transport;
import dev.posterm.drivers.modem.ModemStatus.Registration;
import org.tinylog.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The cellular modem over its AT command port (3GPP 27.007), for the link monitor.
 *
 * <p>{@link #query} asks, one command at a time, each bounded by the per-command time:
 * <pre>
 *   ATE0        echo off (the answer does not matter: echo is dropped anyway)
 *   AT          answering?             OK          -> go on; anything else -> answering = false, stop
 *   AT+CSQ      +CSQ: rssi,ber         rssi 0..31, 99 = unknown
 *   AT+CREG?    +CREG: n,stat[,...]    circuit-switched registration
 *   AT+CEREG?   +CEREG: n,stat[,...]   only when CREG is not registered: LTE-only modems register here
 *   AT+CGATT?   +CGATT: state          packet-domain attach, 1 = attached
 * </pre>
 * An unsolicited {@code +CREG: stat} (one field, or a quoted LAC second) is told apart from the
 * solicited {@code +CREG: n,stat} by its second field, which is then a number.
 *
 * <p>Never throws: a silent or unplugged modem gives {@code answering = false}; a command the
 * modem refuses leaves its field empty. The transport is opened on the first query and reopened
 * after it fails, so a modem that re-enumerates comes back by itself.
 */
public final class AtModem implements Modem {

    private final Transport transport;
    private final Clock clock;
    private final AtChannel channel;

    /**
     * @param transport the AT port (a serial device or tcp:HOST:PORT); opened when first needed
     * @param clock     stamps {@link ModemStatus#checkedAt()}
     */
    public AtModem(Transport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
        this.channel = new AtChannel(transport, System::nanoTime);
    }

    @Override
    public synchronized ModemStatus query(Duration perCommand) {
        Answers answers = new Answers();
        try {
            if (!transport.isOpen()) {
                transport.open();
            }
            ask(answers, perCommand);
        } catch (IOException | RuntimeException e) {
            Logger.warn("modem on {}: {} after {} (answering so far: {})", transport.name(), e.getMessage(),
                    answers.lastCommand, answers.answering);
            transport.close();
        }
        return new ModemStatus(answers.answering, answers.rssi, answers.registration, answers.attached,
                clock.instant());
    }

    private void ask(Answers answers, Duration perCommand) throws IOException {
        send(answers, "ATE0", perCommand);
        if (!(send(answers, "AT", perCommand) instanceof AtReply.Ok)) {
            return;
        }
        answers.answering = true;
        answers.rssi = ok(send(answers, "AT+CSQ", perCommand)).flatMap(r -> r.value("+CSQ:"))
                .flatMap(v -> field(v, 0));
        answers.registration = registration(send(answers, "AT+CREG?", perCommand), "+CREG:");
        if (answers.registration.map(r -> !r.registered()).orElse(true)) {
            Optional<Registration> lte = registration(send(answers, "AT+CEREG?", perCommand), "+CEREG:");
            answers.registration = lte.isPresent() ? lte : answers.registration;
        }
        answers.attached = ok(send(answers, "AT+CGATT?", perCommand)).flatMap(r -> r.value("+CGATT:"))
                .flatMap(v -> field(v, 0)).map(state -> state == 1);
    }

    private AtReply send(Answers answers, String command, Duration perCommand) throws IOException {
        answers.lastCommand = command;
        return channel.send(command, perCommand);
    }

    /** The stat of the solicited read response {@code +CREG: n,stat[,lac,ci[,AcT]]}. */
    private static Optional<Registration> registration(AtReply reply, String prefix) {
        return ok(reply).stream().flatMap(r -> r.lines().stream())
                .filter(l -> l.startsWith(prefix))
                .map(l -> field(l.substring(prefix.length()).strip(), 1))
                .flatMap(Optional::stream)
                .findFirst()
                .map(Registration::fromStat);
    }

    private static Optional<AtReply.Ok> ok(AtReply reply) {
        return reply instanceof AtReply.Ok ok ? Optional.of(ok) : Optional.empty();
    }

    /** The {@code index}th comma-separated field as a number; empty if absent or not a number. */
    private static Optional<Integer> field(String value, int index) {
        String[] fields = value.split(",");
        if (index >= fields.length) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(fields[index].strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    /** What one query has learnt so far. */
    private static final class Answers {
        boolean answering;
        Optional<Integer> rssi = Optional.empty();
        Optional<Registration> registration = Optional.empty();
        Optional<Boolean> attached = Optional.empty();
        String lastCommand = "(open)";
    }
}
