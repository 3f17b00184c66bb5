package org.webrtcgateway.websocket.framing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One WebSocket frame as a client puts it on the wire (RFC 6455 §5.2), with every bit in the test's hands:
 * FIN, the three reserved bits, any of the 16 opcodes, masked or not, any payload (a control frame of
 * 126 bytes, a close with one byte). Client libraries refuse to write most of these, which is the point.
 * <pre>
 * WireFrame.text("{\"type\":").notFinal(), WireFrame.ping("p"), WireFrame.continuation("\"ping\"}")
 * </pre>
 */
record WireFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    WireFrame {
        if (rsv < 0 || rsv > 7 || opcode < 0 || opcode > 15) {
            throw new IllegalArgumentException("rsv is 3 bits and opcode 4: rsv " + rsv + ", opcode " + opcode);
        }
        payload = payload.clone();
    }

    /** A final, masked frame of {@code opcode}, reserved opcodes included. */
    static WireFrame of(int opcode, byte[] payload) {
        return new WireFrame(true, 0, opcode, true, payload);
    }

    static WireFrame text(String text) {
        return of(TEXT, utf8(text));
    }

    static WireFrame text(byte[] bytes) {
        return of(TEXT, bytes);
    }

    static WireFrame continuation(String text) {
        return of(CONTINUATION, utf8(text));
    }

    static WireFrame continuation(byte[] bytes) {
        return of(CONTINUATION, bytes);
    }

    static WireFrame binary(byte[] bytes) {
        return of(BINARY, bytes);
    }

    static WireFrame ping(String payload) {
        return of(PING, utf8(payload));
    }

    static WireFrame ping(byte[] payload) {
        return of(PING, payload);
    }

    static WireFrame pong(String payload) {
        return of(PONG, utf8(payload));
    }

    /** A close frame carrying {@code code} and {@code reason} (raw bytes: they may be anything but UTF-8). */
    static WireFrame close(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return of(CLOSE, payload);
    }

    static WireFrame close(int code) {
        return close(code, new byte[0]);
    }

    /** The same frame with FIN clear: more fragments follow. */
    WireFrame notFinal() {
        return new WireFrame(false, rsv, opcode, masked, payload);
    }

    /** The same frame with the reserved bits RSV1 (4), RSV2 (2), RSV3 (1) set as {@code bits} says. */
    WireFrame rsv(int bits) {
        return new WireFrame(fin, bits, opcode, masked, payload);
    }

    /** The same frame without a mask, which RFC 6455 §5.1 forbids a client. */
    WireFrame unmasked() {
        return new WireFrame(fin, rsv, opcode, false, payload);
    }

    /** The frame's bytes: its payload masked with a fresh random key, the length in the shortest form. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift));
            }
        }
        if (!masked) {
            out.writeBytes(payload);
            return out.toByteArray();
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** The frames back to back, as one write puts them on the wire. */
    static byte[] encode(WireFrame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (WireFrame frame : frames) {
            out.writeBytes(frame.encode());
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "frame opcode " + opcode + (fin ? "" : " (not final)") + (rsv == 0 ? "" : " rsv " + rsv)
                + (masked ? "" : " unmasked") + ", " + payload.length + " bytes";
    }
}
