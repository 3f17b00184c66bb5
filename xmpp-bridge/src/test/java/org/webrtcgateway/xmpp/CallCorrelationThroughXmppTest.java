package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * One call's story in the logs through the XMPP bridge and Prosody: its correlation id is linked once to the
 * Jingle sid, and the bridge's lines about the call, the peer's stanzas handled on the bridge thread included,
 * carry it — calls out and calls in.
 */
@Tag("xmpp")
class CallCorrelationThroughXmppTest {

    private static final Pattern LINK = Pattern.compile("call=(\\S+) is Jingle sid (\\S+) \\((\\S+) (->|<-) (\\S+), gateway call id (\\S+)\\)");

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice");

    private final LogCapture log = LogCapture.everything(Level.DEBUG, "org.webrtcgateway.core", "org.webrtcgateway.xmpp");

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aCallOutIsLinkedToItsJingleSidAndThePeersStanzasCarryItsId() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", bob.address(), "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        String id = correlationId("alice", call);
        bob.nextCall().answer(Sdps.ONE_AUDIO_STREAM);
        alice.nextOfType("answer");
        alice.requestOk("type", "bye", "call", call);

        Matcher link = linkOf(id);
        assertThat(link.group(3)).isEqualTo("alice");
        assertThat(link.group(4)).isEqualTo("->");
        assertThat(link.group(6)).isEqualTo(call);
        assertThat(LogCapture.lines(log.withMdc(CallCorrelation.MDC_KEY, id))).as("the peer's session-accept, handled")
                .anyMatch(line -> line.contains("session-accept " + link.group(2)));
    }

    @Test
    void aCallInIsLinkedToItsJingleSidOnceTheBrowserHasIt() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
        TestClient alice = gateway.login("alice");
        bob.call("alice", Sdps.ONE_AUDIO_STREAM);
        String call = alice.nextOfType("offer").path("call").asText();
        String id = correlationId("alice", call);

        Matcher link = linkOf(id);
        assertThat(link.group(4)).isEqualTo("<-");
        assertThat(link.group(6)).isEqualTo(call);
        alice.requestOk("type", "bye", "call", call);
    }

    private Matcher linkOf(String id) {
        // The bridge thread writes the line after it handed the offer to the core: the browser can have
        // the offer first, so wait for the line rather than read the log at once.
        Awaitility.await().atMost(TestClient.WAIT).until(() -> !links(id).isEmpty());
        List<Matcher> links = links(id);
        assertThat(links).as("one line links " + id + " to its Jingle sid").hasSize(1);
        return links.get(0);
    }

    private List<Matcher> links(String id) {
        return log.all().stream().map(ILoggingEvent::getFormattedMessage).map(LINK::matcher)
                .filter(Matcher::matches).filter(m -> m.group(1).equals(id)).toList();
    }

    private String correlationId(String user, String callId) {
        String id = gateway.injector().getInstance(SessionRegistry.class).byName(user).call(callId).correlationId();
        assertThat(id).isNotNull();
        return id;
    }
}
