package org.webrtcgateway.websocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1}, made by the {@code openssl} command
 * line (so the test does not rely on the code it tests), as PEM files for {@code websocket.tls-certificate}
 * and {@code websocket.tls-private-key}, plus an {@link SSLContext} that trusts it and nothing else.
 */
public record TestCertificate(Path certificate, Path privateKey) {

    /** The kinds of key Mozilla's "intermediate" configuration names. */
    public enum KeyType {
        RSA("rsa:2048"),
        EC("ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");

        private final List<String> newkey;

        KeyType(String algorithm, String... options) {
            List<String> arguments = new ArrayList<>(List.of("-newkey", algorithm));
            arguments.addAll(List.of(options));
            this.newkey = List.copyOf(arguments);
        }
    }

    /** Generates a fresh RSA key (PKCS#8, unencrypted) and certificate in {@code folder}. */
    public static TestCertificate create(Path folder) throws IOException, InterruptedException {
        return create(folder, KeyType.RSA);
    }

    /** Generates a fresh key of {@code type} (PKCS#8, unencrypted) and certificate in {@code folder}, valid for a day. */
    public static TestCertificate create(Path folder, KeyType type) throws IOException, InterruptedException {
        return create(folder, type, 1);
    }

    /** As {@link #create(Path, KeyType)}, valid for {@code days} from now: certificates that end on different days. */
    public static TestCertificate create(Path folder, KeyType type, int days) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path key = folder.resolve("key.pem");
        Path cert = folder.resolve("cert.pem");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509"));
        command.addAll(type.newkey);
        command.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", Integer.toString(days),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        openssl(command);
        if (!Files.readString(key).contains("BEGIN PRIVATE KEY")) {
            throw new IllegalStateException("openssl did not write a PKCS#8 key to " + key);
        }
        return new TestCertificate(cert, key);
    }

    /** Runs an openssl command line to its end and returns what it said, or throws with it. */
    public static String openssl(List<String> command) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = openssl.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + String.join(" ", command) + ": " + output);
        }
        return output;
    }

    /** The serial as {@code openssl x509 -noout -serial} prints it, e.g. {@code 08BAE633...}: what an operator compares. */
    public String opensslSerial() throws IOException, InterruptedException {
        String output = openssl(List.of("openssl", "x509", "-noout", "-serial", "-in", certificate.toString())).strip();
        if (!output.startsWith("serial=")) {
            throw new IllegalStateException("openssl x509 -serial said: " + output);
        }
        return output.substring("serial=".length());
    }

    /** Writes this certificate and key over {@code certificate} and {@code key}, in place, one after the other. */
    public void writeTo(Path certificate, Path key) throws IOException {
        Files.write(certificate, Files.readAllBytes(this.certificate));
        Files.write(key, Files.readAllBytes(this.privateKey));
    }

    /** The certificate as the JDK reads it. */
    public X509Certificate x509() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Its serial number: what tells two certificates of the same name apart. */
    public BigInteger serial() throws IOException, GeneralSecurityException {
        return x509().getSerialNumber();
    }

    /** A TLS context whose only trusted certificate is this one. */
    public SSLContext trustingContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("gateway", x509());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
