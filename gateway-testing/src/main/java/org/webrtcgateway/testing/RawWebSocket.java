package org.webrtcgateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client at the byte level, for what a well-behaved client library will not do: never
 * read (a slow consumer), never answer pings, send frames of its own making.
 */
public final class RawWebSocket implements AutoCloseable {

    /** A frame as received: its opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong) and payload. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the handshake; {@code receiveBuffer} sets SO_RCVBUF (0: the system default). */
    public static RawWebSocket connect(int port, int receiveBuffer) throws IOException {
        return connect(port, receiveBuffer, null);
    }

    /**
     * Connects from {@code localAddress} (a loopback address such as 127.0.0.2: another client machine to the
     * server, or to a proxy in front of it) and completes the handshake, with extra request header lines
     * ({@code "X-Forwarded-For: 192.0.2.1"}).
     */
    public static RawWebSocket connectFrom(String localAddress, int port, String... headerLines) throws IOException {
        return connect(port, 0, localAddress, headerLines);
    }

    private static RawWebSocket connect(int port, int receiveBuffer, String localAddress, String... headerLines) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        RawWebSocket ws = new RawWebSocket(socket);
        try {
            ws.handshake(port, headerLines);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return ws;
    }

    private void handshake(int port, String... headerLines) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + String.join("", java.util.Arrays.stream(headerLines).map(line -> line + "\r\n").toList())
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
    }

    /** The client end's address and port: what a proxy in front of the server sees as the client. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame with FIN set, as RFC 6455 requires of clients. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Writes bytes exactly as given: frames encoded ahead with {@link #clientFrame}, or bytes that are no frame at all. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Writes {@code bytes} {@code chopSize} at a time, each piece pushed out as its own TCP segment (no Nagle
     * coalescing), so the server reads frames cut at any byte: a frame head, a length, a mask, a UTF-8 sequence.
     */
    public void sendInChops(byte[] bytes, int chopSize) throws IOException {
        if (chopSize < 1) {
            throw new IllegalArgumentException("chopSize must be at least 1, got " + chopSize);
        }
        socket.setTcpNoDelay(true);
        int offset = 0;
        while (offset < bytes.length) {
            int chop = Math.min(chopSize, bytes.length - offset);
            out.write(bytes, offset, chop);
            out.flush();
            offset += chop;
        }
    }

    /**
     * One client frame with FIN set, masked with the all-zero key: legal (RFC 6455 asks for a mask and
     * the server cannot tell a zero key from a random one), and a test that sends megabytes is spared
     * the masking loop. Encode once, send many times with {@link #sendBytes}.
     */
    public static byte[] clientFrame(int opcode, byte[] payload) {
        int lengthBytes = payload.length < 126 ? 0 : payload.length < 65536 ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        // the 4 mask bytes stay 0
        System.arraycopy(payload, 0, frame, 2 + lengthBytes + 4, payload.length);
        return frame;
    }

    /** Logs in as {@code name} and returns the resume token (the {@code session} of the {@code ok}). */
    public String login(String name) throws IOException {
        sendText(TestClient.json("type", "login", "name", name));
        Frame reply = readUntil(0x1);
        if (reply == null || !"ok".equals(TestClient.parse(reply.text()).path("type").asText())) {
            throw new IOException("login as " + name + " refused: " + (reply == null ? "connection closed" : reply.text()));
        }
        return TestClient.parse(reply.text()).path("session").asText();
    }

    /**
     * Ends with a close handshake, so the session ends at once: sends close 1000, reads (and drops)
     * what comes until the server's close frame or the end of the stream, then closes the socket.
     */
    public void closeNormally() throws IOException {
        try {
            sendFrame(0x8, new byte[] {0x03, (byte) 0xe8});
            readUntil(0x8);
        } finally {
            socket.close();
        }
    }

    /** The next frame, or null when the server closed the TCP connection. */
    public Frame readFrame() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            throw new IOException("no frame within the socket timeout", e);
        }
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Reads frames until one of {@code opcode} arrives; null when the connection ends first. */
    public Frame readUntil(int opcode) throws IOException {
        Frame frame;
        while ((frame = readFrame()) != null) {
            if (frame.opcode() == opcode) {
                return frame;
            }
        }
        return null;
    }

    /** True when the server has closed the connection (reading everything left until end of stream). */
    public boolean closedByServer() {
        try {
            InputStream raw = socket.getInputStream();
            byte[] sink = new byte[65536];
            while (raw.read(sink) >= 0) {
                // drain what was sent before the close
            }
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
