package dev.posterm.drivers.modem;

import dev.posterm.drivers.modem.ModemStatus.Registration;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AtModem against a scripted modem on a TCP loopback socket, with replies written by hand. */
class AtModemTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration PER_COMMAND = Duration.ofSeconds(2);

    /** A modem registered on its home network, attached, with a fair signal. */
    private static ScriptedModem homeNetwork() throws Exception {
        return new ScriptedModem()
                .reply("ATE0", "\r\nOK\r\n")
                .reply("AT", "\r\nOK\r\n")
                .reply("AT+CSQ", "\r\n+CSQ: 21,99\r\n\r\nOK\r\n")
                .reply("AT+CREG?", "\r\n+CREG: 0,1\r\n\r\nOK\r\n")
                .reply("AT+CGATT?", "\r\n+CGATT: 1\r\n\r\nOK\r\n");
    }

    @Test
    void registeredModemReportsSignalRegistrationAndAttach() throws Exception {
        try (ScriptedModem fake = homeNetwork(); AtModem modem = new AtModem(new SocketTransport(fake.port()), CLOCK)) {
            ModemStatus status = modem.query(PER_COMMAND);

            assertEquals(new ModemStatus(true, Optional.of(21), Optional.of(Registration.HOME), Optional.of(true), NOW),
                    status);
            assertEquals(Optional.of(-71), status.signalDbm());
            assertEquals(List.of("ATE0", "AT", "AT+CSQ", "AT+CREG?", "AT+CGATT?"), fake.received(),
                    "CEREG is not asked when CREG is registered");
        }
    }

    @Test
    void echoAndUnsolicitedLinesAreIgnoredEvenOneByteAtATime() throws Exception {
        try (ScriptedModem fake = homeNetwork().echo().oneByteAtATime()
                .unsolicitedBefore("AT+CSQ", "\r\nRING\r\n")
                .unsolicitedBefore("AT+CREG?", "\r\n+CREG: 5\r\n\r\n+CREG: 2,\"00C3\",\"0000A13B\"\r\n");
             AtModem modem = new AtModem(new SocketTransport(fake.port()), CLOCK)) {
            ModemStatus status = modem.query(PER_COMMAND);

            assertTrue(status.answering());
            assertEquals(Optional.of(21), status.signalRssi());
            assertEquals(Optional.of(Registration.HOME), status.registration(),
                    "the solicited +CREG: 0,1, not the unsolicited +CREG: 5 or +CREG: 2,\"00C3\",...");
            assertEquals(Optional.of(true), status.attached());
        }
    }

    @Test
    void lteOnlyModemIsAskedCeregWhenCregIsNotRegistered() throws Exception {
        try (ScriptedModem fake = homeNetwork()
                .reply("AT+CREG?", "\r\n+CREG: 0,0\r\n\r\nOK\r\n")
                .reply("AT+CEREG?", "\r\n+CEREG: 0,5\r\n\r\nOK\r\n")
                .reply("AT+CGATT?", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
             AtModem modem = new AtModem(new SocketTransport(fake.port()), CLOCK)) {
            ModemStatus status = modem.query(PER_COMMAND);

            assertEquals(Optional.of(Registration.ROAMING), status.registration());
            assertEquals(Optional.of(false), status.attached());
            assertEquals(List.of("ATE0", "AT", "AT+CSQ", "AT+CREG?", "AT+CEREG?", "AT+CGATT?"), fake.received());
        }
    }

    @Test
    void refusedCommandLeavesItsFieldEmpty() throws Exception {
        try (ScriptedModem fake = homeNetwork()
                .reply("AT+CSQ", "\r\n+CME ERROR: 10\r\n")
                .reply("AT+CREG?", "\r\n+CREG: 0,2\r\n\r\nOK\r\n")
                .reply("AT+CEREG?", "\r\nERROR\r\n");
             AtModem modem = new AtModem(new SocketTransport(fake.port()), CLOCK)) {
            ModemStatus status = modem.query(PER_COMMAND);

            assertTrue(status.answering());
            assertEquals(Optional.empty(), status.signalRssi(), "+CME ERROR: 10 (SIM not inserted)");
            assertEquals(Optional.of(Registration.SEARCHING), status.registration(), "CREG kept when CEREG fails");
        }
    }

    @Test
    void silentModemIsNotAnsweringAndTheQueryStaysBounded() throws Exception {
        Duration perCommand = Duration.ofMillis(200);
        try (ScriptedModem fake = new ScriptedModem(); AtModem modem = new AtModem(new SocketTransport(fake.port()), CLOCK)) {
            long start = System.nanoTime();
            ModemStatus status = modem.query(perCommand);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(new ModemStatus(false, Optional.empty(), Optional.empty(), Optional.empty(), NOW), status);
            assertTrue(tookMillis >= 2 * perCommand.toMillis(), "waited for ATE0 and AT, took " + tookMillis);
            assertTrue(tookMillis < 5_000, "bounded, took " + tookMillis + " ms");
            assertEquals(List.of("ATE0", "AT"), fake.received(), "gives up after AT");
        }
    }

    @Test
    void modemThatHangsUpGivesAStatusNotAnException() throws Exception {
        try (ScriptedModem fake = homeNetwork().hangUpOn("AT+CSQ");
             AtModem modem = new AtModem(new SocketTransport(fake.port()), CLOCK)) {
            ModemStatus status = modem.query(PER_COMMAND);

            assertTrue(status.answering(), "it did answer AT before the line went");
            assertEquals(Optional.empty(), status.signalRssi());
            assertEquals(Optional.empty(), status.registration());
        }
    }

    @Test
    void absentPortGivesNotAnswering() throws Exception {
        int unusedPort;
        try (ScriptedModem fake = new ScriptedModem()) {
            unusedPort = fake.port();
        }
        try (AtModem modem = new AtModem(new SocketTransport(unusedPort), CLOCK)) {
            assertFalse(modem.query(PER_COMMAND).answering());
        }
    }
}
