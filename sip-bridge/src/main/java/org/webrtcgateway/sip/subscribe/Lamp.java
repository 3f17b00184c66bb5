package org.webrtcgateway.sip.subscribe;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.PresenceStatus;

/** What a busy lamp shows: a presence status and an optional note ("ringing", "on the phone", a PIDF note). */
public record Lamp(PresenceStatus status, String note) {

    /** The protocol's limit on a presence note. */
    static final int MAX_NOTE = 256;

    public Lamp {
        requireNonNull(status, "status");
    }

    /** A note fit to show: control characters dropped, white space folded, at most {@value #MAX_NOTE} characters; null if empty. */
    static String cleanNote(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (clean.length() > 0 && clean.charAt(clean.length() - 1) != ' ') {
                    clean.append(' ');
                }
            } else if (c != 0xFFFE && c != 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF)) {
                clean.appendCodePoint(c);
            }
        });
        String note = clean.toString().trim();
        if (note.isEmpty()) {
            return null;
        }
        if (note.codePointCount(0, note.length()) > MAX_NOTE) {
            // the cut may fall just after a folded space: trimmed again, the note is what cleaning it again gives
            note = note.substring(0, note.offsetByCodePoints(0, MAX_NOTE)).stripTrailing();
        }
        return note;
    }
}
