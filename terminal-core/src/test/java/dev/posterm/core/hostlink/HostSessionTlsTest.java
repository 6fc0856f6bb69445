package dev.posterm.core.hostlink;

import dev.posterm.core.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS with the acquirer CA pinned, over loopback. Fixtures (100-year validity, keytool):
 * acquirer-ca.pem (CN=Test Acquirer CA), host.p12 (CN=localhost, SAN localhost/127.0.0.1,
 * signed by that CA), rogue.p12 (same names, self-signed: a CA we do not trust). Password changeit.
 */
class HostSessionTlsTest {
    private static final Instant T0 = Instant.parse("2025-06-12T14:30:15Z");
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), () -> 0.0);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private ScriptedHost host;
    private HostSession session;

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
        if (host != null) {
            host.close();
        }
        callers.shutdownNow();
    }

    @Test
    void talksToAHostWhoseCertificateTheAcquirerCaSigned() throws Exception {
        host = new ScriptedHost(tlsServer("host.p12"), 0);
        session = pinnedSession(Duration.ofSeconds(2));

        Future<HostReply> reply = callers.submit(() ->
                session.exchange(EchoTest.request(new Stan(3), "T0000001", T0), Duration.ofSeconds(5)));
        host.nextRequest().answer("0810" + "8220000002800000" + "0400000000000000"
                + "0612143015" + "000003" + "00" + "T0000001" + "301");

        assertInstanceOf(HostReply.Answered.class, reply.get(5, TimeUnit.SECONDS));
        assertTrue(session.health().connected());
    }

    @Test
    void refusesAHostWithACertificateFromAnotherCa() throws Exception {
        host = new ScriptedHost(tlsServer("rogue.p12"), 0);
        session = pinnedSession(Duration.ofMillis(700));

        HostReply reply = session.exchange(EchoTest.request(new Stan(4), "T0000001", T0), Duration.ofSeconds(5));

        assertInstanceOf(HostReply.Unreachable.class, reply);
        assertTrue(host.connections() >= 1, "the session did try");
        assertEquals(0, host.waitingRequests(), "nothing was sent to the rogue host");
        assertTrue(session.health().lastProblem().isPresent());
    }

    private HostSession pinnedSession(Duration connectWait) throws Exception {
        Path ca = Path.of(getClass().getResource("acquirer-ca.pem").toURI());
        HostSession s = new HostSession("localhost", host.port(), true, Optional.of(ca), false,
                new ManualClock(T0), FAST, connectWait);
        s.start();
        return s;
    }

    private ServerSocketFactory tlsServer(String keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context.getServerSocketFactory();
    }
}
