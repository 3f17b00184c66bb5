package org.webrtcgateway.xmpp.component;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The server's side of XEP-0114 on a loopback port, scripted by a test: for what a real server will not do on
 * cue (flood the component, drop the stream at a chosen moment). Reads are collected as text and waited for.
 */
final class FakeComponentServer implements AutoCloseable {

    static final String STREAM_ID = "fake-stream-1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerSocket server;

    FakeComponentServer() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    /** Accepts the component's next connection and completes the handshake, which must carry {@code secret}'s digest. */
    Connection acceptAndShakeHands(String secret) throws IOException {
        Connection connection = new Connection(server.accept());
        connection.awaitText("jabber:component:accept");
        connection.send("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns='jabber:component:accept' id='" + STREAM_ID + "' from='gw.localhost'>");
        connection.awaitText("<handshake>" + ComponentHandshake.digest(STREAM_ID, secret) + "</handshake>");
        connection.send("<handshake/>");
        return connection;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One accepted connection. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final StringBuffer received = new StringBuffer();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            Thread reader = new Thread(() -> {
                try (Reader in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)) {
                    char[] buffer = new char[4096];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        received.append(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "fake-component-server-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String xml) throws IOException {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Waits until what the component wrote contains {@code text} (bounded). */
        void awaitText(String text) {
            await("the component to write " + text).atMost(WAIT).until(() -> received.indexOf(text) >= 0);
        }

        String received() {
            return received.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
