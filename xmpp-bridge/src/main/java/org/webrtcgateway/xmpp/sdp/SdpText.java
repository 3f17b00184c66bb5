package org.webrtcgateway.xmpp.sdp;

import org.webrtcgateway.core.api.TextChecks;

/**
 * What may stand in an SDP line: text without control characters (a line break above all), lone surrogates or
 * non-characters. Checked where a line is made, so that a value from a Jingle peer cannot end its line and add one of
 * its own to the SDP a browser gets, and a value from a browser cannot make the stanza sent to XMPP XML that is not
 * well formed (which ends the whole stream). Both found by the fuzz tests of this package.
 */
final class SdpText {

    private SdpText() {
    }

    /**
     * @throws IllegalArgumentException naming {@code what} when {@code value} holds what is not text, or ends in white
     *                                  space (which parsing strips from a line: the value would not read back)
     */
    static String require(String what, String value) {
        if (value != null && !value.isEmpty() && Character.isWhitespace(value.codePointBefore(value.length()))) {
            throw new IllegalArgumentException(what + " ends in white space: '" + printable(value) + "'");
        }
        if (value != null) {
            // A loop, not a stream of code points: every SDP line of every call goes through here, some twice
            // (JFR, bench/xmpp-load.sh: the stream was 5 % of the gateway's CPU in a bridged Jingle call).
            for (int i = 0; i < value.length(); ) {
                int c = value.codePointAt(i);
                if (isNotText(c)) {
                    throw new IllegalArgumentException(String.format("%s holds U+%04X, which is not text: '%s'", what, c,
                            printable(value)));
                }
                i += Character.charCount(c);
            }
        }
        return value;
    }

    /**
     * One word: a field of an m= line, a mid (RFC 5888's identification-tag, listed with spaces between in a=group).
     *
     * @throws IllegalArgumentException naming {@code what} when {@code value} is empty, holds white space or is not text
     */
    static String requireWord(String what, String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " is one word, not '" + (value == null ? null : printable(value)) + "'");
        }
        return require(what, value);
    }

    /** A control character (a tab, CR, LF, NUL, C1...), a lone surrogate or a non-character. */
    static boolean isNotText(int c) {
        return TextChecks.isNotText(c);
    }

    /** For a message: the text with what is not text shown as U+FFFD, and cut short. */
    static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("\\p{Cc}|\\p{Cs}", "\uFFFD");
    }
}
