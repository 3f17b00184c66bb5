package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.websocket.testing.TestCertificate;

import ch.qos.logback.classic.Level;

/**
 * Plain HTTP (a browser told {@code http://}, a scanner) to the TLS port cannot flood the journal:
 * no stack trace, and one WARN line for many such requests.
 */
class PlainHttpOnTheTlsPortTest {

    private static final int REQUESTS = 20;

    @TempDir
    static Path folder;
    static TestCertificate certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(folder);
    }

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.tls-certificate", certificate.certificate().toString())
            .with("websocket.tls-private-key", certificate.privateKey().toString());

    private final LogCapture log = LogCapture.everything();

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void manyPlainHttpRequestsWriteOneWarningThatSaysPlainHttpAndNoStackTrace() throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(plainHttpGetIsClosedOn()).as("the gateway closes a connection that does not speak TLS").isTrue();
        }
        gateway.stop(); // the event loops are done: every line the requests caused is written

        assertThat(LogCapture.lines(log.withStackTrace(Level.WARN))).as("lines with a stack trace").isEmpty();
        assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("warnings").singleElement().asString()
                .contains("TLS handshakes failed: 127.0.0.1: not an SSL/TLS record — plain HTTP to the https port?");
    }

    /** Sends a plain HTTP GET and reads until the gateway closes; true when it did close. */
    private boolean plainHttpGetIsClosedOn() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // whatever it answers, it must end the connection
            }
            return true;
        }
    }
}
