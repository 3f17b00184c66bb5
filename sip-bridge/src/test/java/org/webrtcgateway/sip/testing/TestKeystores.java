package org.webrtcgateway.sip.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed PKCS#12 keystores (and a truststore holding one's certificate) made with the JDK's keytool. */
public final class TestKeystores {

    public static final String PASSWORD = "changeit";

    private TestKeystores() {
    }

    /** A keystore with a key pair for 127.0.0.1 (CN and IP SAN). */
    public static Path keystore(Path dir, String name) {
        return keystore(dir, name, "127.0.0.1", "ip:127.0.0.1");
    }

    /**
     * A keystore with a key pair whose certificate names {@code commonName} and {@code san} (keytool's form:
     * {@code ip:127.0.0.1}, {@code dns:pbx.example.org}), e.g. another host than the one it is served from.
     */
    public static Path keystore(Path dir, String name, String commonName, String san) {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** A truststore that trusts exactly the certificate in {@code keystore}. */
    public static Path truststoreFor(Path dir, Path keystore, String name) {
        Path cert = dir.resolve(name + ".crt");
        Path store = dir.resolve(name + "-trust.p12");
        keytool("-exportcert", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD);
        return store;
    }

    private static void keytool(String... args) {
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path freshDir(String name) {
        try {
            Path dir = Path.of("target", name + "-" + System.nanoTime()).toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
