package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;

/** The server's side of a component stream, read into Smack's stanzas; what is broken is skipped or ends the stream. */
class ComponentStreamReaderTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept' id='4f1b' from='gw.localhost'>";
    private static final String MESSAGE = "<message from='bob@localhost/pc' to='alice@gw.localhost' type='chat' id='m1'>"
            + "<body>hi alice</body><thread>t1</thread></message>";

    private final List<Stanza> read = new ArrayList<>();

    @Test
    void theHeaderGivesTheStreamIdThatTheHandshakeHashes() throws Exception {
        assertThat(reader(HEADER).readHeader()).isEqualTo("4f1b");
    }

    @Test
    void anEmptyHandshakeElementIsTheServersYes() throws Exception {
        ComponentStreamReader reader = reader(HEADER + "<handshake/>");
        reader.readHeader();

        reader.awaitHandshake(); // returns: accepted
    }

    @Test
    void aRefusedHandshakeThrowsTheServersConditionAndText() throws Exception {
        ComponentStreamReader reader = reader(HEADER + "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match calculated token</text>"
                + "</stream:error></stream:stream>");
        reader.readHeader();

        assertThatThrownBy(reader::awaitHandshake).isInstanceOfSatisfying(StreamErrorException.class, e -> {
            assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.not_authorized);
            assertThat(e.getStreamError().getDescriptiveText()).isEqualTo("Given token does not match calculated token");
        });
    }

    @Test
    void aHeaderRefusedForAnUnknownDomainThrowsTheReasonInsteadOfAMissingId() throws Exception {
        ComponentStreamReader reader = reader("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns='jabber:component:accept' version='1.0' id=''><stream:error>"
                + "<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");

        assertThatThrownBy(reader::readHeader).isInstanceOfSatisfying(StreamErrorException.class,
                e -> assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.host_unknown));
    }

    @Test
    void stanzasAreSmacksOwnWithTheBodyAndThreadOfTheComponentNamespace() throws Exception {
        readAll(HEADER + MESSAGE
                + "<presence from='bob@localhost/pc' to='alice@gw.localhost'><show>dnd</show><status>busy</status></presence>"
                + "<iq from='bob@localhost/pc' to='alice@gw.localhost/gateway' type='get' id='q1'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq></stream:stream>");

        assertThat(read).hasSize(3);
        Message message = (Message) read.get(0);
        assertThat(message.getBody()).isEqualTo("hi alice");
        assertThat(message.getThread()).isEqualTo("t1");
        assertThat(message.getFrom().toString()).isEqualTo("bob@localhost/pc");
        assertThat(((Presence) read.get(1)).getMode()).isEqualTo(Presence.Mode.dnd);
        assertThat(read.get(2)).isInstanceOfSatisfying(DiscoverInfo.class, iq -> assertThat(iq.getType()).isEqualTo(IQ.Type.get));
    }

    @Test
    void aStanzaThatDoesNotParseIsSkippedAndTheNextOneArrives() throws Exception {
        readAll(HEADER
                + "<message from='bob:x@localhost' to='alice@gw.localhost'><body>bad sender</body></message>" // fails stringprep
                + "<iq from='bob@localhost/pc' to='alice@gw.localhost' type='get' id='q2'/>"             // a request with no child
                + MESSAGE + "</stream:stream>");

        assertThat(read).singleElement().isInstanceOfSatisfying(Message.class, m -> assertThat(m.getBody()).isEqualTo("hi alice"));
    }

    @Test
    void whitespaceAndUnknownTopLevelElementsAreNotStanzas() throws Exception {
        readAll(HEADER + " \n <stream:features/> " + MESSAGE + "\n</stream:stream>");

        assertThat(read).hasSize(1);
    }

    @Test
    void aStreamCutOffMidStanzaFailsAndDeliversNothingOfIt() throws Exception {
        ComponentStreamReader reader = reader(HEADER + MESSAGE + "<message to='alice@gw.localhost'><body>half a mess");
        reader.readHeader();

        assertThatThrownBy(() -> reader.readStanzas(read::add)).isInstanceOfAny(XmlPullParserException.class, IOException.class);
        assertThat(read).as("the whole stanza before the cut").hasSize(1);
    }

    @Test
    void xmlThatIsNotWellFormedEndsTheStream() throws Exception {
        ComponentStreamReader reader = reader(HEADER + "<message to='alice@gw.localhost'><body>x</message>" + MESSAGE);
        reader.readHeader();

        assertThatThrownBy(() -> reader.readStanzas(read::add)).isInstanceOf(XmlPullParserException.class);
        assertThat(read).isEmpty();
    }

    @Test
    void aStreamErrorAfterStanzasEndsReadingWithTheError() throws Exception {
        ComponentStreamReader reader = reader(HEADER + MESSAGE
                + "<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");
        reader.readHeader();

        assertThatThrownBy(() -> reader.readStanzas(read::add)).isInstanceOfSatisfying(StreamErrorException.class,
                e -> assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.system_shutdown));
        assertThat(read).hasSize(1);
    }

    private void readAll(String stream) throws Exception {
        ComponentStreamReader reader = reader(stream);
        reader.readHeader();
        reader.readStanzas(read::add);
    }

    private static ComponentStreamReader reader(String stream) throws XmlPullParserException {
        return new ComponentStreamReader(new StringReader(stream));
    }
}
