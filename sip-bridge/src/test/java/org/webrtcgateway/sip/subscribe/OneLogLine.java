package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fuzz tests ask of a refusal's message: the journal gets it as it is (Subscription logs a malformed NOTIFY
 * at INFO), so it must stay one line of bounded length, whatever the notifier wrote.
 */
final class OneLogLine {

    /** The longest message a refusal may have: the reason and a short quote, not the notifier's whole document. */
    static final int MAX_CHARS = 300;

    private OneLogLine() {
    }

    static void assertOneLogLine(MalformedBody refusal) {
        String message = refusal.getMessage();
        assertThat(message).as("a refusal says why").isNotBlank().hasSizeLessThanOrEqualTo(MAX_CHARS);
        message.codePoints().forEach(c -> assertThat(breaksALogLine(c))
                .as("U+%04X in the refusal %s", c, message.replaceAll("\\p{C}", "\uFFFD")).isFalse());
    }

    /** A control character (a line break, a terminal escape), a line or paragraph separator, or a lone surrogate. */
    static boolean breaksALogLine(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }
}
