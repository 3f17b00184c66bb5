package org.webrtcgateway.sip.rtpengine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode (BEP 3), the encoding of rtpengine's ng control protocol: byte strings, integers, lists and
 * dictionaries. Byte strings are read as UTF-8 text, which is all ng carries (SDP, flags, ids). Decoding refuses
 * anything malformed with the position of the fault, and bounds nesting and sizes: a reply is input from the
 * network.
 */
public final class Bencode {

    /** Lists and dictionaries inside each other, at most. */
    static final int MAX_DEPTH = 32;

    private Bencode() {
    }

    /** Thrown for input that is not bencode. */
    public static final class MalformedException extends IllegalArgumentException {
        MalformedException(String what, int at) {
            super(what + " at byte " + at);
        }
    }

    /**
     * {@code value}: a {@link String}, an {@link Integer} or {@link Long}, a {@link List} of values, or a {@link Map}
     * from strings to values (written in the sorted key order bencode requires).
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof Integer || value instanceof Long) {
            out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> write(out, item));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put((String) key, item));
            sorted.forEach((key, item) -> {
                write(out, key);
                write(out, item);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("bencode has no form for " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }

    /** The one value {@code bytes} holds: strings, longs, lists and maps (in the order written). */
    public static Object decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The one value in {@code bytes[from..to)}. */
    public static Object decode(byte[] bytes, int from, int to) {
        Reader reader = new Reader(bytes, from, to);
        Object value = reader.value(0);
        if (reader.at != to) {
            throw new MalformedException("bytes after the value", reader.at);
        }
        return value;
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int at;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.at = from;
            this.end = to;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new MalformedException("more than " + MAX_DEPTH + " lists or dictionaries inside each other", at);
            }
            if (at >= end) {
                throw new MalformedException("the value ends early", at);
            }
            byte first = bytes[at];
            if (first == 'i') {
                at++;
                long value = number('e');
                return value;
            }
            if (first == 'l') {
                at++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value(depth + 1));
                }
                at++;
                return Collections.unmodifiableList(list);
            }
            if (first == 'd') {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (peek() != 'e') {
                    int keyAt = at;
                    if (bytes[at] < '0' || bytes[at] > '9') {
                        throw new MalformedException("a dictionary key that is not a string", keyAt);
                    }
                    String key = string();
                    if (map.put(key, value(depth + 1)) != null) {
                        throw new MalformedException("the key '" + key + "' twice", keyAt);
                    }
                }
                at++;
                return Collections.unmodifiableMap(map);
            }
            if (first >= '0' && first <= '9') {
                return string();
            }
            throw new MalformedException("'" + (char) first + "' where a value starts", at);
        }

        private byte peek() {
            if (at >= end) {
                throw new MalformedException("a list or dictionary without its 'e'", at);
            }
            return bytes[at];
        }

        private String string() {
            long length = number(':');
            if (length > end - at) {
                throw new MalformedException("a string of " + length + " bytes where " + (end - at) + " are left", at);
            }
            String text = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return text;
        }

        /** Digits (a '-' first for an integer) up to {@code stop}, in bencode's one form: no '+', no leading 0, no -0. */
        private long number(char stop) {
            int start = at;
            boolean negative = at < end && bytes[at] == '-' && stop == 'e';
            if (negative) {
                at++;
            }
            int digits = at;
            long value = 0;
            while (at < end && bytes[at] != stop) {
                byte digit = bytes[at];
                if (digit < '0' || digit > '9' || at - digits >= 18) {
                    throw new MalformedException("a number that is not one", start);
                }
                value = value * 10 + (digit - '0');
                at++;
            }
            if (at >= end) {
                throw new MalformedException("a number without its '" + stop + "'", start);
            }
            int count = at - digits;
            if (count == 0 || (count > 1 && bytes[digits] == '0') || (negative && value == 0)) {
                throw new MalformedException("a number not in its one form", start);
            }
            at++;
            return negative ? -value : value;
        }
    }
}
