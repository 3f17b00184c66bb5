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

    /** A control character (C0, DEL, C1), a lone surrogate or a non-character (U+FFFE, U+FFFF). */
    public static boolean isNotText(int codePoint) {
        return Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE
                || codePoint == 0xFFFE || codePoint == 0xFFFF;
    }

    private static Optional<String> refusal(String field, String text, boolean lines) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i); // a pair is one code point; a lone surrogate stays itself
            if (isNotText(c) && !(lines && (c == '\r' || c == '\n' || c == '\t'))) {
                return Optional.of(field + " has a character that is not allowed there (U+"
                        + String.format(Locale.ROOT, "%04X", c) + " at " + i + ")");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }
}
