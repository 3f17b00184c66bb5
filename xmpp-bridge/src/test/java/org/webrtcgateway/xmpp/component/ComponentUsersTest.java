package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeThread;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.xmpp.XmppConfig;
import org.webrtcgateway.xmpp.link.InboundStanzas;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/** Which gateway users the component speaks for, and as which JIDs: the logged-in ones, as name@domain/gateway. */
class ComponentUsersTest {

    private final ScheduledExecutorService thread = BridgeThread.start("test-bridge");
    private final XmppComponent component = new XmppComponent(XmppConfig.from(Settings.of(Map.of("xmpp.mode", "component",
            "xmpp.component.domain", "gw.example.org", "xmpp.component.secret", "s"))), thread, new Ignoring(), user -> { });

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void aUserIsAnEndpointOnlyWhileLoggedIn() {
        assertThat(component.endpoint("alice")).isNull();

        component.userOnline(new Address.Local("alice"));
        XmppEndpoint alice = component.endpoint("alice");
        component.userOffline(new Address.Local("alice"));

        assertThat(alice.user()).isEqualTo(new Address.Local("alice"));
        assertThat(((ComponentEndpoint) alice).jidEvenWhileDown().toString()).isEqualTo("alice@gw.example.org/gateway");
        assertThat(alice.jid() == null).as("no JID while the stream is down").isTrue();
        assertThat(component.endpoint("alice")).isNull();
    }

    @Test
    void aNameWithAnAtSignIsEscapedIntoTheLocalpartAsXep0106Says() {
        component.userOnline(new Address.Local("alice@example.org"));

        ComponentEndpoint alice = (ComponentEndpoint) component.endpoint("alice@example.org");

        assertThat(alice.jidEvenWhileDown().toString()).isEqualTo("alice\\40example.org@gw.example.org/gateway");
    }

    @Test
    void namesThatDifferInCaseOnlyAreOneJidAndTheLaterLoginHasIt() {
        component.userOnline(new Address.Local("Alice"));
        component.userOnline(new Address.Local("alice"));

        assertThat(component.endpoint("Alice")).isNull();
        assertThat(component.endpoint("alice")).isNotNull();

        component.userOffline(new Address.Local("Alice")); // not the one online: changes nothing
        assertThat(component.endpoint("alice")).isNotNull();
    }

    private static final class Ignoring implements InboundStanzas {
        @Override
        public void message(XmppEndpoint to, Message message) {
        }

        @Override
        public void presence(XmppEndpoint to, Presence presence) {
        }

        @Override
        public void iqRequest(XmppEndpoint to, IQ request) {
        }
    }
}
