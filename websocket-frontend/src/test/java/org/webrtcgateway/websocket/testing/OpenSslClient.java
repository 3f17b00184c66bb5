package org.webrtcgateway.websocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_client}: a TLS client that shares no code with the gateway (OpenSSL, not the JDK), for
 * handshakes the JDK's own client will not even try. It connects to 127.0.0.1, does one handshake, and
 * leaves at once (its input is closed).
 */
public final class OpenSslClient {

    /** What s_client said, and whether the handshake succeeded (exit 0). */
    public record Result(int exitCode, String output) {
        public boolean connected() {
            return exitCode == 0 && output.contains("CONNECTION ESTABLISHED");
        }

        /** {@code Protocol version: TLSv1.3}, as {@code -brief} prints it; null without a handshake. */
        public String protocol() {
            return field("Protocol version: ");
        }

        /** The suite in OpenSSL's names ({@code ECDHE-RSA-AES128-GCM-SHA256}, {@code TLS_AES_128_GCM_SHA256}). */
        public String cipherSuite() {
            return field("Ciphersuite: ");
        }

        /** Whether the server itself answered with a TLS alert of this description (e.g. {@code protocol version}). */
        public boolean serverAlerted(String description) {
            return output.contains("alert " + description);
        }

        private String field(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).strip())
                    .findFirst().orElse(null);
        }
    }

    private OpenSslClient() {
    }

    /**
     * One handshake with the server on 127.0.0.1:{@code port}, with s_client's options such as
     * {@code -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256}.
     */
    public static Result handshake(int port, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl s_client did not finish in 10 s: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
