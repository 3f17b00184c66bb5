package org.webrtcgateway.websocket;

import java.io.File;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.plugin.Reloadable;

/**
 * The TLS context of {@code https://} and {@code wss://}, built from the PEM files that
 * {@code websocket.tls-certificate} and {@code tls-private-key} name, and built again from them on
 * reload (a renewed certificate) for the connections that follow; open connections keep theirs.
 */
@Singleton
final class ServerTls implements Reloadable {

    private final WebSocketConfig config;
    private volatile SslContext context;

    @Inject
    ServerTls(WebSocketConfig config) {
        this.config = config;
        this.context = config.tls() ? build(config) : null;
    }

    /** The context for a new connection; null without TLS. */
    SslContext current() {
        return context;
    }

    @Override
    public String reload() {
        if (!config.tls()) {
            return "TLS: not configured, nothing to reload";
        }
        context = build(config);
        return "TLS: certificate " + config.tlsCertificate() + " and key reloaded for new connections";
    }

    /** The context the files make, or a ConfigException naming the files and what is wrong with them. */
    static SslContext build(WebSocketConfig config) {
        try {
            return SslContextBuilder.forServer(new File(config.tlsCertificate().toString()),
                    new File(config.tlsPrivateKey().toString())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(WebSocketConfig.TLS_CERTIFICATE.key() + "/" + WebSocketConfig.TLS_PRIVATE_KEY.key()
                    + ": cannot use " + config.tlsCertificate() + " and " + config.tlsPrivateKey() + ": "
                    + rootMessage(e) + " (expected a PEM certificate chain and its PKCS#8 PEM private key)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
