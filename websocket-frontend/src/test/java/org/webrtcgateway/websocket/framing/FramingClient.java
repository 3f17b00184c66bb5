package org.webrtcgateway.websocket.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;

import com.fasterxml.jackson.databind.JsonNode;

import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;

/**
 * A client that writes {@link WireFrame}s, in one write or cut into chops, and reads the gateway's frames one
 * by one: the reading half of the frame helper. Every read waits at most the socket's timeout (5 s).
 */
final class FramingClient implements AutoCloseable {

    /** How frames go onto the wire (Autobahn's "chops"): all in one write, one write per frame, or a byte at a time. */
    enum Chops {
        ONE_WRITE, FRAME_BY_FRAME, BYTE_BY_BYTE
    }

    private final RawWebSocket socket;

    private FramingClient(RawWebSocket socket) {
        this.socket = socket;
    }

    static FramingClient connect(int port) {
        try {
            return new FramingClient(RawWebSocket.connect(port, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the gateway on port " + port, e);
        }
    }

    /** Logs in as {@code name}: the gateway now relays this client's messages. */
    FramingClient login(String name) {
        try {
            socket.login(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FramingClient send(WireFrame... frames) {
        return send(Chops.ONE_WRITE, frames);
    }

    FramingClient send(Chops chops, WireFrame... frames) {
        try {
            switch (chops) {
                case ONE_WRITE -> {
                    byte[] bytes = WireFrame.encode(frames);
                    socket.sendInChops(bytes, bytes.length);
                }
                case FRAME_BY_FRAME -> {
                    for (WireFrame frame : frames) {
                        socket.sendInChops(frame.encode(), Integer.MAX_VALUE);
                    }
                }
                case BYTE_BY_BYTE -> socket.sendInChops(WireFrame.encode(frames), 1);
            }
        } catch (SocketException closedUnderUs) {
            // The gateway closed the connection at a frame it refused: the bytes after it cannot matter any more.
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + frames.length + " frames", e);
        }
        return this;
    }

    /** Writes the frames' bytes {@code chopSize} at a time (Autobahn's 1.1.8, 9.5: frames cut anywhere). */
    FramingClient sendInChops(int chopSize, WireFrame... frames) {
        try {
            socket.sendInChops(WireFrame.encode(frames), chopSize);
        } catch (SocketException closedUnderUs) {
            // as in send
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes {@code bytes} as they are, in a TCP segment of their own: part of a frame, or no frame at all. */
    FramingClient sendRawBytes(byte[] bytes) {
        try {
            socket.sendInChops(bytes, bytes.length);
        } catch (SocketException closedUnderUs) {
            // as in send
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The next frame the gateway sent; fails when the connection ended instead. */
    RawWebSocket.Frame next() {
        try {
            RawWebSocket.Frame frame = socket.readFrame();
            assertThat(frame).as("a frame from the gateway, not the end of the connection").isNotNull();
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame, which must be a pong; its payload. */
    byte[] nextPong() {
        RawWebSocket.Frame frame = next();
        assertThat(frame.opcode()).as("a pong, got %s", describe(frame)).isEqualTo(WireFrame.PONG);
        return frame.payload();
    }

    /** The next frame, which must be a text message; its JSON. */
    JsonNode nextMessage() {
        RawWebSocket.Frame frame = next();
        assertThat(frame.opcode()).as("a text message, got %s", describe(frame)).isEqualTo(WireFrame.TEXT);
        return TestClient.parse(frame.text());
    }

    /**
     * The next frame must be a close frame, and then the connection must end with nothing more (RFC 6455
     * §7.1.7: after failing the connection an endpoint sends no further data; §5.5.1: nothing after a close).
     *
     * @return its status code, or -1 when it had none
     */
    int closeCode() {
        RawWebSocket.Frame frame = next();
        assertThat(frame.opcode()).as("a close frame, got %s", describe(frame)).isEqualTo(WireFrame.CLOSE);
        assertEndsWithoutAnotherFrame();
        byte[] payload = frame.payload();
        return payload.length < 2 ? -1 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
    }

    private void assertEndsWithoutAnotherFrame() {
        RawWebSocket.Frame after;
        try {
            after = socket.readFrame();
        } catch (SocketException reset) {
            // The gateway closed with bytes of ours still unread: the kernel answers them with a reset. No frame came.
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway left the connection open after its close frame", e);
        }
        assertThat(after).as("a frame after the close frame").isNull();
    }

    private static String describe(RawWebSocket.Frame frame) {
        return "opcode " + frame.opcode() + ": " + (frame.opcode() == WireFrame.TEXT || frame.opcode() == WireFrame.CLOSE
                ? frame.text() : frame.payload().length + " bytes");
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
