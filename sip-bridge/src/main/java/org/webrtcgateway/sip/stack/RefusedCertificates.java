package org.webrtcgateway.sip.stack;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * The JDK's trust manager, saying in the journal why a TLS peer was refused (an unknown CA, or a certificate for
 * another host): JAIN-SIP reports only that the connection failed, and the call ends {@code unreachable}. Once a
 * minute at WARN, with the peer and the JDK's reason, no stack trace.
 */
final class RefusedCertificates extends X509ExtendedTrustManager {

    private static final Logger log = LoggerFactory.getLogger(RefusedCertificates.class);

    private final X509ExtendedTrustManager jdk;
    /** One per stack, so each gateway in a JVM (tests run several) says it once a minute. */
    private final RepeatedCondition refused = RepeatedCondition.warn(log, "SIP TLS peer's certificate refused");

    RefusedCertificates(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            jdk.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            refused.occurred(socket.getRemoteSocketAddress() + " (" + subject(chain) + "): " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            jdk.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            refused.occurred(engine.getPeerHost() + " (" + subject(chain) + "): " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }

    private static String subject(X509Certificate[] chain) {
        return chain == null || chain.length == 0 ? "no certificate" : chain[0].getSubjectX500Principal().getName();
    }
}
