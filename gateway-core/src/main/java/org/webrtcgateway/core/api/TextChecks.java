package org.webrtcgateway.core.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Characters a browser's text may not carry where it goes on to SIP, XMPP or a log line: C0 and C1 control
 * characters (a CR LF ends a SIP header or forges a log line, a NUL or an ESC ends up in an operator's terminal),
 * lone surrogates (no UTF-8 for them) and the non-characters U+FFFE and U+FFFF (no XML for them). Refusals name the
 * first such character and where it is, never echo it.
 */
public final class TextChecks {

    private TextChecks() {
    }

    /** For one-line text (a reason, a presence note, a name): no control character at all. */
    public static Optional<String> lineRefusal(String field, String text) {
        return refusal(field, text, false);
    }

    /** For SDP: lines, so CR, LF and TAB pass; no other control character. */
    public static Optional<String> sdpRefusal(String sdp) {
        return refusal("'sdp'", sdp, true);
    }

    private static Optional<String> refusal(String field, String text, boolean lines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    i++;
                }
            } else if (Character.isLowSurrogate(c)) {
                bad = true;
            } else if (c < 0x20) {
                bad = !lines || (c != '\r' && c != '\n' && c != '\t');
            } else {
                bad = (c >= 0x7f && c <= 0x9f) || c == 0xfffe || c == 0xffff;
            }
            if (bad) {
                return Optional.of(field + " has a character that is not allowed there (U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + " at " + i + ")");
            }
        }
        return Optional.empty();
    }
}
