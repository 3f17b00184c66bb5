package org.webrtcgateway.core.api;

/**
 * What the fuzz tests ask of text that the gateway writes into a SIP header, an XMPP stanza or a log line: no
 * character that could end it or change how it reads.
 */
public final class InertText {

    private InertText() {
    }

    /** Not a control, format or separator character, a lone surrogate, nor one that ends a quoted or bracketed address. */
    public static boolean isInert(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && c != '<' && c != '>' && c != '"';
    }

    /** {@code text} with every control character shown as U+FFFD, for an assertion message that stays on one line. */
    public static String printable(String text) {
        return text.replaceAll("\\p{C}", "\uFFFD");
    }
}
