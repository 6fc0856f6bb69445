package dev.posterm.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from PEM files. The certificate is made by the JDK's keytool (EC P-256, SAN 127.0.0.1) and
 * written out as the PEM files an installer would put in place: X.509 certificate, PKCS#8 key.
 */
class TlsTest {
    @TempDir
    static Path dir;
    static Path certificatePem;
    static Path keyPem;
    static Certificate certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = dir.resolve("api.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=posterm test", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        certificate = keys.getCertificate("api");
        PrivateKey key = (PrivateKey) keys.getKey("api", "changeit".toCharArray());
        certificatePem = Files.writeString(dir.resolve("api.crt"), pem("CERTIFICATE", certificate.getEncoded()));
        keyPem = Files.writeString(dir.resolve("api.key"), pem("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static ApiServer server(Path certificate, Path key) {
        FakeCheckout checkout = new FakeCheckout(Clock.systemUTC());
        return new ApiServer("127.0.0.1", 0, TestApi.CASHIER, TestApi.BACKOFFICE, "CNY", Optional.of(certificate),
                Optional.of(key), checkout, checkout::status, Clock.systemUTC(), 2);
    }

    @Test
    void servesHttpsWithTheConfiguredCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("api", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);

        try (ApiServer server = server(certificatePem, keyPem);
             HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
            server.start();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + server.address().getPort() + "/api/v1/status"))
                    .header("Authorization", "Bearer " + TestApi.CASHIER).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("T0000001", TestApi.body(response).get("terminalId").asText());
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedAtStartNamingTheFile() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("old.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        ApiServer server = server(certificatePem, pkcs1);

        IOException refused = assertThrows(IOException.class, server::start);

        assertTrue(refused.getMessage().contains(pkcs1.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("openssl pkcs8"), refused.getMessage());
    }

    @Test
    void aCertificateWithoutAKeyIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new ApiServer("127.0.0.1", 0, TestApi.CASHIER,
                TestApi.BACKOFFICE, "CNY", Optional.of(certificatePem), Optional.empty(),
                new FakeCheckout(Clock.systemUTC()), () -> null, Clock.systemUTC(), 2));
    }
}
