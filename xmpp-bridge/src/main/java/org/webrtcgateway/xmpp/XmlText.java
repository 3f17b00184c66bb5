package org.webrtcgateway.xmpp;

import java.util.Locale;
import java.util.Optional;

/**
 * What XML 1.0 can carry (its {@code Char} production): TAB, LF, CR and the rest of Unicode but the other C0
 * controls, lone surrogates and U+FFFE/U+FFFF. A browser's text with anything else would make the stanza
 * ill-formed, and an XMPP server answers an ill-formed stanza by closing the whole stream: every user of that
 * connection would go offline for one user's message.
 */
final class XmlText {

    private XmlText() {
    }

    /** Why {@code text} cannot go into a stanza, naming the first character that cannot; empty when it can. */
    static Optional<String> refusal(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c)) {
                allowed = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (allowed) {
                    i++;
                }
            } else {
                allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!allowed) {
                return Optional.of(what + " has a character XMPP cannot carry (U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + " at " + i + ")");
            }
        }
        return Optional.empty();
    }
}
