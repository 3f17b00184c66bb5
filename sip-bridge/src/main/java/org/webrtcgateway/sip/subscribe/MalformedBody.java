package org.webrtcgateway.sip.subscribe;

/**
 * A NOTIFY body that does not parse as its event package says: answered 400, nothing delivered. Its message goes
 * to the journal as it is, and it quotes what the notifier wrote: it is kept to one line of at most
 * {@value #MAX_MESSAGE} characters whatever that was.
 */
public final class MalformedBody extends Exception {

    static final int MAX_MESSAGE = 300;
    /** How much of a value a message quotes: enough to recognise it. */
    static final int MAX_QUOTE = 40;

    public MalformedBody(String message) {
        super(oneLine(message, MAX_MESSAGE), null, false, false); // an answer to bad input, not a bug: no stack trace
    }

    /** {@code value} fit to quote in a message: one line, at most {@value #MAX_QUOTE} characters and an ellipsis. */
    static String quote(String value) {
        return quote(value, MAX_QUOTE);
    }

    /** {@code value} fit to quote in a message: one line, at most {@code max} characters and an ellipsis. */
    static String quote(String value, int max) {
        return oneLine(value, max);
    }

    /**
     * Every character that could end or rewrite a log line as '?' (C0 and C1 controls, which Java's
     * {@code \p{Cntrl}} does not cover beyond ASCII: U+0085 ends a line for some readers, U+009B starts a terminal
     * escape; Unicode's line and paragraph separators; bidi and other format characters; lone surrogates), cut at
     * {@code max} characters.
     */
    private static String oneLine(String text, int max) {
        StringBuilder line = new StringBuilder();
        String value = String.valueOf(text);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (line.length() >= max) {
                line.append("...");
                break;
            } else if (pair) {
                line.append(c).append(value.charAt(++i));
            } else if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT || type == Character.SURROGATE) {
                line.append('?');
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }
}
