package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.subscribe.OneLogLine.assertOneLogLine;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.core.api.PresenceStatus;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link DialogInfo#parse} on any NOTIFY body of the dialog package (RFC 4235), coverage-guided (ADR 0018). The seeds in
 * {@code DialogInfoFuzzTestInputs/} follow RFC 4235's examples, and are the bodies the sipp phones of the integration tests send,
 * the unit tests' documents and the hostile ones of {@link HostileXmlTest} (DOCTYPEs, external entities, entity expansion, XInclude).
 */
class DialogInfoFuzzTest {

    /**
     * A body is refused with {@link MalformedBody} alone, whose message is one bounded log line; what parses lists at
     * most {@link DialogInfo#MAX_DIALOGS} dialogs, each with an id and one of RFC 4235's states in lower case, and makes
     * one of the three lamps, the same whenever the document comes again.
     */
    @FuzzTest
    @Timeout(10)
    void aDocumentGivesKnownDialogStatesOrIsRefusedOnOneLogLine(byte[] input) {
        DialogInfo info;
        try {
            info = DialogInfo.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MalformedBody refused) {
            assertOneLogLine(refused);
            return;
        }

        assertThat(info.dialogStates()).hasSizeLessThanOrEqualTo(DialogInfo.MAX_DIALOGS);
        info.dialogStates().forEach((id, state) -> {
            assertThat(id).isNotEmpty();
            assertThat(state).isIn(DialogInfo.STATES);
        });
        DialogStates states = new DialogStates();
        Lamp lamp = states.apply(info);
        assertThat(lamp).isIn(new Lamp(PresenceStatus.BUSY, "on the phone"), new Lamp(PresenceStatus.BUSY, "ringing"),
                new Lamp(PresenceStatus.AVAILABLE, null));
        assertThat(lamp.status() == PresenceStatus.AVAILABLE)
                .as("available exactly when every dialog listed is terminated")
                .isEqualTo(info.dialogStates().values().stream().allMatch("terminated"::equals));
        assertThat(states.apply(info)).as("the same document again").isEqualTo(lamp);
    }
}
