package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.PresenceStatus;

/** dialog-info documents (RFC 4235) and the busy lamp they make. */
@Tag("rfc4235")
class DialogInfoTest {

    /** RFC 4235 section 6's first example, as a phone sends it while a call is up. */
    static final String CONFIRMED = """
            <?xml version="1.0"?>
            <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
                         version="0" state="full"
                         entity="sip:alice@example.com">
              <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" direction="initiator">
                <state>confirmed</state>
                <duration>274</duration>
              </dialog>
            </dialog-info>
            """;

    static String document(String state, String... dialogs) {
        StringBuilder xml = new StringBuilder("<d:dialog-info xmlns:d='urn:ietf:params:xml:ns:dialog-info' version='1' state='"
                + state + "' entity='sip:1002@localhost'>");
        for (int i = 0; i < dialogs.length; i += 2) {
            xml.append("<d:dialog id='").append(dialogs[i]).append("'><d:state>").append(dialogs[i + 1]).append("</d:state></d:dialog>");
        }
        return xml.append("</d:dialog-info>").toString();
    }

    @Test
    void aConfirmedDialogIsBusyOnThePhone() throws MalformedBody {
        Lamp lamp = new DialogStates().apply(DialogInfo.parse(CONFIRMED));

        assertThat(lamp).isEqualTo(new Lamp(PresenceStatus.BUSY, "on the phone"));
    }

    @Test
    void earlyProceedingAndTryingDialogsAreBusyRinging() throws MalformedBody {
        for (String state : new String[] {"early", "proceeding", "trying"}) {
            assertThat(new DialogStates().apply(DialogInfo.parse(document("full", "d1", state))))
                    .as(state).isEqualTo(new Lamp(PresenceStatus.BUSY, "ringing"));
        }
    }

    @Test
    void aConfirmedDialogOutweighsARingingOne() throws MalformedBody {
        Lamp lamp = new DialogStates().apply(DialogInfo.parse(document("full", "d1", "early", "d2", "confirmed")));

        assertThat(lamp.note()).isEqualTo("on the phone");
    }

    @Test
    void noDialogsOrOnlyTerminatedOnesAreAvailable() throws MalformedBody {
        assertThat(new DialogStates().apply(DialogInfo.parse(document("full"))))
                .isEqualTo(new Lamp(PresenceStatus.AVAILABLE, null));
        assertThat(new DialogStates().apply(DialogInfo.parse(document("full", "d1", "terminated", "d2", "terminated"))))
                .isEqualTo(new Lamp(PresenceStatus.AVAILABLE, null));
    }

    @Test
    void aPartialDocumentChangesOnlyTheDialogsItLists() throws MalformedBody {
        DialogStates states = new DialogStates();
        states.apply(DialogInfo.parse(document("full", "d1", "confirmed", "d2", "early")));

        assertThat(states.apply(DialogInfo.parse(document("partial", "d1", "terminated"))).note()).isEqualTo("ringing");
        assertThat(states.apply(DialogInfo.parse(document("partial", "d2", "terminated"))).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void aFullDocumentReplacesWhatWasKnown() throws MalformedBody {
        DialogStates states = new DialogStates();
        states.apply(DialogInfo.parse(document("full", "d1", "confirmed")));

        assertThat(states.apply(DialogInfo.parse(document("full", "d2", "early"))).note()).isEqualTo("ringing");
    }

    @Test
    void documentsThatAreNotDialogInfoAreMalformed() {
        assertThatThrownBy(() -> DialogInfo.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'/>"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("dialog-info");
        assertThatThrownBy(() -> DialogInfo.parse("<dialog-info state='full'><dialog id='x'><state>confirmed</state>"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> DialogInfo.parse(document("sometimes")))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("'full' or 'partial'");
        assertThatThrownBy(() -> DialogInfo.parse(document("full", "d1", "dancing")))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("dancing");
        assertThatThrownBy(() -> DialogInfo.parse("<dialog-info state='full'><dialog><state>early</state></dialog></dialog-info>"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("without an id");
        assertThatThrownBy(() -> DialogInfo.parse("")).isInstanceOf(MalformedBody.class);
    }

    @Test
    void aDocumentListingMoreDialogsThanAnyPhoneHasIsRefused() {
        String[] many = new String[2 * (DialogInfo.MAX_DIALOGS + 1)];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "d" + i;
            many[i + 1] = "early";
        }

        assertThatThrownBy(() -> DialogInfo.parse(document("full", many))).isInstanceOf(MalformedBody.class)
                .hasMessageContaining("more than " + DialogInfo.MAX_DIALOGS);
    }

    /** Found by DialogInfoFuzzTest: the XML parser's message quoted the document, line break and all, into the log. */
    @Test
    void aRefusalQuotesTheDocumentOnOneShortLine() {
        assertThatThrownBy(() -> DialogInfo.parse("<?xml version=\"1.0b?>\n<dialog-info state='full'/>"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("not well-formed").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> DialogInfo.parse(document("full", "d1", "early\nINFO forged log line\u2028" + "x".repeat(500))))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("early?INFO forged").hasMessageNotContaining("\n")
                .hasMessageNotContaining("\u2028").message().hasSizeLessThanOrEqualTo(MalformedBody.MAX_MESSAGE);
        assertThatThrownBy(() -> DialogInfo.parse(document("&#10;&#x85;")))
                .as("character references in an attribute").isInstanceOf(MalformedBody.class).hasMessageContaining("got '??'");
    }
}
