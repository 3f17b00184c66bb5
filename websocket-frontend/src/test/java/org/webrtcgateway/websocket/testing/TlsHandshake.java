package org.webrtcgateway.websocket.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One TLS handshake with the JDK's client, offering exactly the protocols and cipher suites a test
 * names, and what the server answered: the version and suite it chose and the certificate it presented.
 * It trusts any certificate: it is there to see which one is served, not to judge it.
 */
public final class TlsHandshake {

    /** The protocols and suites of the JDK's client as it comes. */
    public static final List<String> ANY = List.of();

    /** What the server chose and presented. */
    public record Result(String protocol, String cipherSuite, X509Certificate certificate) {
    }

    private TlsHandshake() {
    }

    /** A new handshake (never a resumed session: a new context each time) with the server on 127.0.0.1:{@code port}. */
    public static Result with(int port, List<String> protocols, List<String> cipherSuites)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingEverything()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            if (!protocols.isEmpty()) {
                socket.setEnabledProtocols(protocols.toArray(String[]::new));
            }
            if (!cipherSuites.isEmpty()) {
                socket.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
            }
            socket.startHandshake();
            SSLSession session = socket.getSession();
            return new Result(session.getProtocol(), session.getCipherSuite(), (X509Certificate) session.getPeerCertificates()[0]);
        }
    }

    /** A handshake with the JDK client's own protocols and suites: which certificate is served now. */
    public static X509Certificate servedCertificate(int port) throws IOException, GeneralSecurityException {
        return with(port, ANY, ANY).certificate();
    }

    private static final class TrustingEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
