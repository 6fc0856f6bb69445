package dev.posterm.core.hostlink;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * TLS to the acquirer with its CA pinned: the only trust anchors are the certificates in the
 * configured PEM file (the JVM's default CAs are not consulted), TLS 1.3 or 1.2 only, and the
 * host name is verified against the certificate (HTTPS rules), so a certificate issued by the
 * same CA to someone else is refused too.
 */
final class AcquirerTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory factory;

    private AcquirerTls(SSLSocketFactory factory) {
        this.factory = factory;
    }

    /** @throws IllegalArgumentException if the file cannot be read or holds no certificate */
    static AcquirerTls pinnedTo(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("acquirer CA file " + caFile + " holds no certificate");
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                anchors.setCertificateEntry("acquirer-ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new AcquirerTls(context.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use acquirer CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Runs the handshake over a connected socket, within {@code handshakeTimeout}. */
    SSLSocket handshake(Socket connected, String host, int port, Duration handshakeTimeout) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(connected, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setProtocols(PROTOCOLS);
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && Character.isLetter(host.charAt(0))) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) handshakeTimeout.toMillis());
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return ssl;
    }
}
