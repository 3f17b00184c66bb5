package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.PresenceStatus;

/** PIDF documents (RFC 3863) as busy lamps, with the RPID activities (RFC 4480) phones add. */
@Tag("rfc3863")
class PidfTest {

    /** RFC 3863 section 4.1's example (one open tuple with a note, and a note on the document). */
    static final String OPEN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:someone@example.com">
              <tuple id="sg89ae">
                <status><basic>open</basic></status>
                <contact priority="0.8">tel:+09012345678</contact>
              </tuple>
              <note xml:lang="en">Don't Disturb Please!</note>
            </presence>
            """;

    static final String CLOSED = """
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:1002@localhost">
              <tuple id="t1"><status><basic>closed</basic></status><note>gone home</note></tuple>
            </presence>
            """;

    /** As Asterisk words a phone on a call: open, with an RPID on-the-phone activity. */
    static final String ON_THE_PHONE = """
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
                      xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:1002@localhost">
              <note>On the phone</note>
              <dm:person id="p1"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person>
              <tuple id="t1"><status><basic>open</basic></status></tuple>
            </presence>
            """;

    @Test
    void anOpenTupleIsAvailableWithTheDocumentsNote() throws MalformedBody {
        assertThat(Pidf.parse(OPEN)).isEqualTo(new Lamp(PresenceStatus.AVAILABLE, "Don't Disturb Please!"));
    }

    @Test
    void closedTuplesAreOfflineWithTheTuplesNote() throws MalformedBody {
        assertThat(Pidf.parse(CLOSED)).isEqualTo(new Lamp(PresenceStatus.OFFLINE, "gone home"));
    }

    @Test
    void anOnThePhoneActivityMakesAnOpenTupleBusy() throws MalformedBody {
        assertThat(Pidf.parse(ON_THE_PHONE)).isEqualTo(new Lamp(PresenceStatus.BUSY, "On the phone"));
    }

    @Test
    void aDocumentWithoutTuplesIsOffline() throws MalformedBody {
        assertThat(Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:x@y'/>").status())
                .isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void notesLoseControlCharactersAndStayWithinTheProtocolsLength() throws MalformedBody {
        String note = "line one\u007f\u0085\nline two " + "x".repeat(400);
        Lamp lamp = Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'><note>" + note
                + "</note><tuple id='t'><status><basic>open</basic></status></tuple></presence>");

        assertThat(lamp.note()).startsWith("line one line two xxx").hasSize(Lamp.MAX_NOTE).doesNotContain("\u007f", "\u0085", "\n");
    }

    @Test
    void malformedDocumentsAreRefused() {
        assertThatThrownBy(() -> Pidf.parse("<presence><tuple id='t'><status/></tuple></presence>"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("basic");
        assertThatThrownBy(() -> Pidf.parse("<presence><tuple id='t'><status><basic>ajar</basic></status></tuple></presence>"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("ajar");
        assertThatThrownBy(() -> Pidf.parse(DialogInfoTest.CONFIRMED)).isInstanceOf(MalformedBody.class);
        assertThatThrownBy(() -> Pidf.parse("presence: open")).isInstanceOf(MalformedBody.class);
    }

    /** Found by PidfFuzzTest: the XML parser's message quoted a broken element's whole name into the log. */
    @Test
    void aLongElementNameIsCutShortInTheRefusal() {
        assertThatThrownBy(() -> Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'><note>x</note><b" + "x".repeat(900) + "&"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("not well-formed").hasMessageEndingWith("...")
                .message().hasSizeLessThanOrEqualTo(MalformedBody.MAX_MESSAGE);
    }

    /** Found by PidfFuzzTest: a note cut at the protocol's length just after a space kept that space at its end. */
    @Test
    void aNoteCutAtTheProtocolsLengthEndsWithoutASpace() throws MalformedBody {
        String note = "x".repeat(Lamp.MAX_NOTE - 1) + " y";
        Lamp lamp = Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'><note>" + note
                + "</note><tuple id='t'><status><basic>open</basic></status></tuple></presence>");

        assertThat(lamp.note()).isEqualTo("x".repeat(Lamp.MAX_NOTE - 1));
    }
}
