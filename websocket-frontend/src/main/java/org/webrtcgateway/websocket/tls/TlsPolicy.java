package org.webrtcgateway.websocket.tls;

import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * What {@code https://} and {@code wss://} offer: Mozilla's "intermediate" server configuration
 * (ssl-config.mozilla.org, guidelines 6.0), the one it recommends for a general-purpose server. TLS 1.3,
 * and TLS 1.2 only with ECDHE key exchange (forward secrecy: a key stolen later does not open recorded
 * traffic) and AEAD ciphers (AES-GCM, ChaCha20-Poly1305): no TLS 1.0/1.1, no RSA key exchange, no CBC, no
 * static or finite-field DH. Every browser since 2016 or so speaks one of them (Firefox 31, Chrome 49,
 * Safari 9, Android 4.4, Java 8u161). Set here, not left to the JVM's defaults, which still allow
 * RSA key exchange and CBC and which an operator may have loosened (java.security) for another program.
 */
public final class TlsPolicy {

    /** Newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3's suites (all forward secret and AEAD), then TLS 1.2's, in Mozilla's order. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /**
     * The server context for {@code certificate}. The JDK's TLS, named rather than picked by Netty (which
     * would take OpenSSL if netty-tcnative ever came onto the class path): it is the one the tests prove.
     * A suite the JVM lacks (ChaCha20 in a FIPS-mode JVM) is left out rather than stopping the start.
     */
    static SslContext serverContext(ServerCertificate certificate) throws SSLException {
        SslContext context = SslContextBuilder.forServer(certificate.key(), certificate.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                .build();
        return new ClientChoosesTheSuite(context);
    }

    /**
     * Every suite offered is strong, so the client's order wins (Mozilla: no server preference): a phone
     * without AES instructions puts ChaCha20 first and gets it. The JDK's server prefers its own order.
     */
    private static final class ClientChoosesTheSuite extends DelegatingSslContext {
        ClientChoosesTheSuite(SslContext context) {
            super(context);
        }

        @Override
        protected void initEngine(SSLEngine engine) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setUseCipherSuitesOrder(false);
            engine.setSSLParameters(parameters);
        }
    }
}
