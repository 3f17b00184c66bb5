package org.webrtcgateway.websocket;

/**
 * RFC 3629 validation of a text message, as RFC 6455 requires of text frames. Faster than Netty's
 * byte-at-a-time validator for what signaling sends: SDP and ICE candidates are ASCII, so the loop
 * checks eight bytes at a time until it meets a non-ASCII byte.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i + 8 <= end && isAscii8(bytes, i)) {
            i += 8;
        }
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int extra;
            int min;
            int codePoint;
            if ((b & 0xE0) == 0xC0) {
                extra = 1;
                min = 0x80;
                codePoint = b & 0x1F;
            } else if ((b & 0xF0) == 0xE0) {
                extra = 2;
                min = 0x800;
                codePoint = b & 0x0F;
            } else if ((b & 0xF8) == 0xF0) {
                extra = 3;
                min = 0x10000;
                codePoint = b & 0x07;
            } else {
                return false;
            }
            if (i + extra >= end) {
                return false; // truncated sequence
            }
            for (int k = 1; k <= extra; k++) {
                int next = bytes[i + k];
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false; // overlong, out of range, or a surrogate
            }
            i += extra + 1;
        }
        return true;
    }

    /** Eight bytes read as one long (an intrinsic): no byte with its top bit set. */
    private static boolean isAscii8(byte[] b, int i) {
        return ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
