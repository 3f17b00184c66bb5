package org.webrtcgateway.websocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1}, made by the {@code openssl} command
 * line (so the test does not rely on the code it tests), as PEM files for {@code websocket.tls-certificate}
 * and {@code websocket.tls-private-key}, plus an {@link SSLContext} that trusts it and nothing else.
 */
public record TestCertificate(Path certificate, Path privateKey) {

    /** Generates a fresh key (PKCS#8, unencrypted) and certificate in {@code folder}. */
    public static TestCertificate create(Path folder) throws IOException, InterruptedException {
        Path key = folder.resolve("key.pem");
        Path cert = folder.resolve("cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = openssl.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
        if (!Files.readString(key).contains("BEGIN PRIVATE KEY")) {
            throw new IllegalStateException("openssl did not write a PKCS#8 key to " + key);
        }
        return new TestCertificate(cert, key);
    }

    /** A TLS context whose only trusted certificate is this one. */
    public SSLContext trustingContext() throws IOException, GeneralSecurityException {
        Certificate trusted;
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("gateway", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
