package org.webrtcgateway.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with every control character written as an escape ({@code \n}, {@code \r}, {@code \t},
 * {@code \u001b}...), so one event is one line: a user name, SDP or reason phrase that carries a line break cannot
 * forge a log line, and an ESC cannot reach the operator's terminal. A SIP message logged whole (the
 * {@code org.webrtcgateway.sip.wire} logger) becomes one line too, which is also what a log shipper wants. The JSON
 * format escapes them anyway.
 */
public final class OneLineMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        if (message == null || message.chars().noneMatch(OneLineMessageConverter::needsEscape)) {
            return message; // the usual case: no copy
        }
        StringBuilder out = new StringBuilder(message.length() + 16);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static boolean needsEscape(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
