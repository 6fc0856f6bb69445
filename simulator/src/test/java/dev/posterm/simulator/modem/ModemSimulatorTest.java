package dev.posterm.simulator.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posterm.simulator.TestPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-written AT command lines against the simulated modem over TCP loopback. */
class ModemSimulatorTest {
    private ModemSimulator modem;
    private TestPeer peer;

    @BeforeEach
    void start() throws IOException {
        modem = new ModemSimulator().start();
        peer = new TestPeer(modem.port());
    }

    @AfterEach
    void stop() throws IOException {
        peer.close();
        modem.close();
    }

    private String ask(String command, int answerLength) throws IOException {
        peer.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
        return new String(peer.read(answerLength), StandardCharsets.US_ASCII);
    }

    @Test
    void echoIsOnUntilAte0() throws IOException {
        assertEquals("ATE0\r\r\nOK\r\n", ask("ATE0", 11));
        assertEquals("\r\nOK\r\n", ask("AT", 6));
    }

    @Test
    void signalRegistrationAndAttachment() throws IOException {
        ask("ATE0", 11);
        modem.signal(17);
        assertEquals("\r\n+CSQ: 17,99\r\n\r\nOK\r\n", ask("AT+CSQ", 21));
        modem.registration(5);
        assertEquals("\r\n+CREG: 0,5\r\n\r\nOK\r\n", ask("AT+CREG?", 20));
        assertEquals("\r\n+CEREG: 0,5\r\n\r\nOK\r\n", ask("AT+CEREG?", 21));
        modem.attached(false);
        assertEquals("\r\n+CGATT: 0\r\n\r\nOK\r\n", ask("AT+CGATT?", 19));
    }

    @Test
    void unknownCommandIsAnError() throws IOException {
        ask("ATE0", 11);
        assertEquals("\r\nERROR\r\n", ask("AT+FOO", 9));
    }

    @Test
    void crLfLineEndingsAndLowerCaseAreAccepted() throws IOException {
        ask("ATE0", 11);
        peer.write("at+csq\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("\r\n+CSQ: 20,99\r\n\r\nOK\r\n", new String(peer.read(21), StandardCharsets.US_ASCII));
    }

    @Test
    void silentModemAnswersNothing() throws Exception {
        ask("ATE0", 11);
        modem.goSilent(true);
        peer.write("AT\r".getBytes(StandardCharsets.US_ASCII));
        TestPeer.await("the silent modem to take in the 3 bytes of AT", () -> modem.ignoredBytes() == 3);
        modem.goSilent(false);

        assertEquals("\r\n+CSQ: 20,99\r\n\r\nOK\r\n", ask("AT+CSQ", 21),
                "the first answer back is the one to AT+CSQ: the AT sent while silent got none");
    }
}
