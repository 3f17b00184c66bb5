package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.subscribe.OneLogLine.assertOneLogLine;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.core.api.PresenceStatus;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link Pidf#parse} on any NOTIFY body of the presence package (RFC 3863, with RFC 4480's activities), coverage-guided
 * (ADR 0018). The seeds in {@code PidfFuzzTestInputs/} follow RFC 3863's and RFC 4480's examples, and are the unit tests'
 * documents and the hostile ones of {@link HostileXmlTest}.
 */
class PidfFuzzTest {

    /**
     * A body is refused with {@link MalformedBody} alone, whose message is one bounded log line; what parses is a lamp
     * whose note is already clean (what {@link Lamp#cleanNote} makes of it is itself: no control character, line break
     * or lone surrogate, white space folded, at most {@link Lamp#MAX_NOTE} code points), shown to the browser as it is.
     */
    @FuzzTest
    @Timeout(10)
    void aDocumentGivesALampWithACleanNoteOrIsRefusedOnOneLogLine(byte[] input) {
        Lamp lamp;
        try {
            lamp = Pidf.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MalformedBody refused) {
            assertOneLogLine(refused);
            return;
        }

        assertThat(lamp.status()).isIn(PresenceStatus.AVAILABLE, PresenceStatus.BUSY, PresenceStatus.AWAY, PresenceStatus.OFFLINE);
        String note = lamp.note();
        if (note != null) {
            assertThat(Lamp.cleanNote(note)).as("the note is clean already").isEqualTo(note);
            assertThat(note.codePointCount(0, note.length())).isBetween(1, Lamp.MAX_NOTE);
            note.codePoints().forEach(c -> assertThat(OneLogLine.breaksALogLine(c) || c != ' ' && Character.isWhitespace(c))
                    .as("U+%04X in the note", c).isFalse());
        }
    }
}
