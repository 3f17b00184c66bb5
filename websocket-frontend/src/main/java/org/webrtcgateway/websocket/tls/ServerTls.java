package org.webrtcgateway.websocket.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;

import javax.net.ssl.SSLException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.plugin.Reloadable;
import org.webrtcgateway.websocket.WebSocketConfig;

/**
 * The certificate {@code https://} and {@code wss://} serve, from the PEM files {@code
 * websocket.tls-certificate} and {@code tls-private-key} name, and its replacement by a renewed one:
 * when {@link CertificateWatch} sees the files change, or on SIGHUP. A new certificate serves the
 * handshakes that follow; connections already open keep theirs (their TLS engine holds its own context),
 * so nobody is cut off. A pair that cannot be served (a key that is not the certificate's, a file
 * half written) changes nothing.
 */
@Singleton
public final class ServerTls implements Reloadable {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /** What is served now: the context new connections get, the certificate in it, and the bytes it came from. */
    record Served(SslContext context, ServerCertificate certificate, CertificateFiles.Contents contents) {
    }

    private final CertificateFiles files;
    private volatile Served served;

    @Inject
    ServerTls(WebSocketConfig config, MeterRegistry registry) {
        if (!config.tls()) {
            this.files = null;
            this.served = null;
            return;
        }
        this.files = new CertificateFiles(config.tlsCertificate(), config.tlsPrivateKey());
        this.served = load(files);
        // A timestamp, as Prometheus advises (the time left is an expression: the value minus time()).
        Gauge.builder("gateway.tls.certificate.expiry.timestamp", this, tls -> tls.served.certificate().notAfter().getEpochSecond())
                .description("End of validity (notAfter) of the certificate new TLS connections get, as a Unix time")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Whether the configured files can be served, as start-up would find them; for {@code --check-config}. */
    public static void check(WebSocketConfig config) {
        load(new CertificateFiles(config.tlsCertificate(), config.tlsPrivateKey()));
    }

    /** The context for a new connection; null without TLS. */
    public SslContext current() {
        Served now = served;
        return now == null ? null : now.context();
    }

    /** The certificate served now; null without TLS. */
    public ServerCertificate certificate() {
        Served now = served;
        return now == null ? null : now.certificate();
    }

    /** Null without TLS. */
    CertificateFiles files() {
        return files;
    }

    Served served() {
        return served;
    }

    /** SIGHUP: the files as they are now, for the connections that follow; a pair that cannot be served changes nothing. */
    @Override
    public String reload() throws UnusableCertificate {
        if (files == null) {
            return "TLS: not configured, nothing to reload";
        }
        CertificateFiles.Contents contents;
        try {
            contents = files.read();
        } catch (IOException e) {
            throw new UnusableCertificate("TLS: " + unreadable(e));
        }
        synchronized (this) {
            if (contents.equals(served.contents())) {
                return "TLS: certificate unchanged (" + served.certificate().describe() + ")";
            }
            try {
                take(contents);
            } catch (UnusableCertificate e) {
                throw new UnusableCertificate("TLS: " + files.certificate() + " and " + files.privateKey() + ": "
                        + e.getMessage());
            }
        }
        return "TLS: new certificate for new connections (" + served.certificate().describe() + ")";
    }

    /** Serves {@code contents} to new connections from now on, or throws and changes nothing. */
    synchronized void take(CertificateFiles.Contents contents) throws UnusableCertificate {
        ServerCertificate certificate = contents.parse();
        served = new Served(context(certificate), certificate, contents);
        logServed("new certificate served to new connections");
    }

    /** Says what new connections get: at INFO, at WARN when the certificate has expired. */
    public void logServed(String what) {
        ServerCertificate certificate = served.certificate();
        if (certificate.notAfter().isBefore(Instant.now())) {
            log.warn("TLS: {}: {}; it has expired, browsers will refuse it", what, certificate.describe());
        } else {
            log.info("TLS: {}: {}", what, certificate.describe());
        }
    }

    /** Why a certificate or key file could not be read, in a few words. */
    static String unreadable(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "no permission to read " + denied.getFile();
        }
        return "cannot read the files: " + e;
    }

    private static Served load(CertificateFiles files) {
        try {
            CertificateFiles.Contents contents = files.read();
            ServerCertificate certificate = contents.parse();
            return new Served(context(certificate), certificate, contents);
        } catch (IOException e) {
            throw unusable(files, unreadable(e));
        } catch (UnusableCertificate e) {
            throw unusable(files, e.getMessage());
        }
    }

    private static SslContext context(ServerCertificate certificate) throws UnusableCertificate {
        try {
            return TlsPolicy.serverContext(certificate);
        } catch (SSLException e) {
            throw new UnusableCertificate("the JDK's TLS cannot serve them: " + e.getMessage());
        }
    }

    private static ConfigException unusable(CertificateFiles files, String reason) {
        return new ConfigException(WebSocketConfig.TLS_CERTIFICATE.key() + "/" + WebSocketConfig.TLS_PRIVATE_KEY.key()
                + ": cannot use " + files.certificate() + " and " + files.privateKey() + ": " + reason
                + " (expected a PEM certificate chain, the server's own certificate first, and its unencrypted PKCS#8 PEM"
                + " private key, RSA or EC)");
    }
}
