package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.XmppBridge;
import org.webrtcgateway.xmpp.caps.GatewayFeatures;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;

/**
 * Component mode against real Prosody (its component gw.localhost), with an independent XMPP client (slixmpp) as
 * bob@localhost: browser user alice is alice@gw.localhost while logged in, through the gateway's one component
 * connection.
 */
@Tag("xmpp")
class ComponentModeThroughProsodyTest {

    private static final Duration CONNECTED = Duration.ofSeconds(15);
    private static final String ALICE = "alice@" + ProsodyExtension.COMPONENT_DOMAIN;
    private static final String ALICES_JID = ALICE + "/" + ComponentEndpoint.RESOURCE;

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final GatewayExtension gateway = componentGateway(ProsodyExtension.COMPONENT_SECRET, "reject");

    private TestClient alice;

    private static GatewayExtension componentGateway(String secret, String policy) {
        return new GatewayExtension()
                .with("xmpp.enabled", "true")
                .with("xmpp.mode", "component")
                .with("xmpp.component.domain", ProsodyExtension.COMPONENT_DOMAIN)
                .with("xmpp.component.server", "127.0.0.1:" + prosody.componentPort())
                .with("xmpp.component.secret", secret)
                .with("xmpp.subscription-policy", policy);
    }

    @BeforeEach
    void aliceIsLoggedInAndSoOnlineInXmpp() {
        alice = gateway.login("alice");
        awaitOnline(gateway, "alice");
    }

    @Test
    void aCallToAComponentUserWhoIsNotLoggedInEndsAsUnreachableAtOnce() {
        // The propose goes to Prosody, which routes it back to the component; it refuses it for a user not there.
        String call = alice.requestOk("type", "offer", "to", "xmpp:nobody@" + ProsodyExtension.COMPONENT_DOMAIN,
                "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();

        com.fasterxml.jackson.databind.JsonNode bye = alice.nextOfType("bye");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("unreachable");
    }

    @Test
    void aBrowsersMessageReachesAnXmppUserFromTheUsersJidInTheComponentsDomain() throws Exception {
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");

            alice.requestOk("type", "message", "to", "xmpp:bob@localhost", "data", "hello bob");

            assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED " + ALICE + " hello bob");
        }
    }

    @Test
    void anXmppUsersMessageToTheUsersJidReachesTheBrowser() throws Exception {
        try (SlixmppClient bob = SlixmppClient.sending(prosody, "bob", ALICE, "hello alice")) {
            bob.awaitLine("SENT");

            JsonNode message = alice.next("message");
            assertThat(message.path("from").asText()).isEqualTo("xmpp:bob@localhost");
            assertThat(message.path("data").asText()).isEqualTo("hello alice");
        }
    }

    @Test
    void aMessageToAUserNotLoggedInComesBackAsServiceUnavailable() throws Exception {
        try (SlixmppClient bob = SlixmppClient.sendingExpectingError(prosody, "bob", "carol@gw.localhost", "are you there?")) {
            assertThat(bob.awaitLine("ERROR")).isEqualTo("ERROR carol@gw.localhost service-unavailable");
        }
    }

    @Test
    void presenceGoesBothWaysOnceEachSideApprovesTheOther() throws Exception {
        try (SlixmppClient bob = SlixmppClient.online(prosody, "bob", "dnd", "in a meeting")) {
            bob.awaitLine("READY");

            // bob approves, and asks back (slixmpp's defaults): alice follows bob, so the gateway approves bob.
            alice.send("type", "subscribe", "to", "xmpp:bob@localhost");

            JsonNode bobs = nextPresence(alice, "xmpp:bob@localhost", "busy");
            assertThat(bobs.path("note").asText()).isEqualTo("in a meeting");
            assertThat(bob.awaitLine("PRESENCE " + ALICES_JID)).isEqualTo("PRESENCE " + ALICES_JID + " available - -");
            assertThat(bob.awaitLine("CAPS " + ALICES_JID)).as("XEP-0115 in the presence")
                    .isEqualTo("CAPS " + ALICES_JID + " " + GatewayFeatures.CAPS_NODE + " " + new ComponentDisco(true).caps().getVer() + " sha-1");

            alice.send("type", "presence", "status", "away", "note", "back at 3"); // no id: bob's presence may come again first
            assertThat(bob.awaitLine("PRESENCE " + ALICES_JID)).isEqualTo("PRESENCE " + ALICES_JID + " available away back at 3");

            alice.closeNormally();
            assertThat(bob.awaitLine("PRESENCE " + ALICES_JID)).isEqualTo("PRESENCE " + ALICES_JID + " unavailable - -");
        }
    }

    @Test
    void unsubscribingFromTheBrowserEndsTheSubscriptionAtTheContact() throws Exception {
        try (SlixmppClient bob = SlixmppClient.online(prosody, "bob", "chat", "here")) {
            bob.awaitLine("READY");
            alice.send("type", "subscribe", "to", "xmpp:bob@localhost");
            nextPresence(alice, "xmpp:bob@localhost", "available");

            alice.send("type", "unsubscribe", "to", "xmpp:bob@localhost");

            assertThat(bob.awaitLine("PRESENCE " + ALICE + " unsubscribe")).isEqualTo("PRESENCE " + ALICE + " unsubscribe - -");
        }
    }

    @Test
    void aStrangerAskingToFollowTheUserIsRefusedByTheRejectPolicy() throws Exception {
        try (SlixmppClient carol = SlixmppClient.following(prosody, "carol", ALICE)) {
            assertThat(carol.awaitLine("ANSWER")).isEqualTo("ANSWER unsubscribed");
        }
    }

    @Test
    void aStrangerAskingToFollowTheUserIsApprovedByTheAcceptPolicy() throws Exception {
        gateway.stop(); // one component connection at a time: Prosody refuses a second
        GatewayExtension accepting = componentGateway(ProsodyExtension.COMPONENT_SECRET, "accept");
        accepting.start();
        try {
            accepting.login("alice");
            awaitOnline(accepting, "alice");
            try (SlixmppClient dave = SlixmppClient.following(prosody, "dave", ALICE)) {
                assertThat(dave.awaitLine("ANSWER")).isEqualTo("ANSWER subscribed");
            }
        } finally {
            accepting.stop();
        }
    }

    @Test
    void discoInfoOfTheUsersJidListsJingleRtpUnderTheCapsHashSlixmppComputesToo() throws Exception {
        try (SlixmppClient bob = SlixmppClient.disco(prosody, "bob", ALICES_JID)) {
            List<String> lines = bob.linesUntil("DISCO-DONE");

            assertThat(lines).contains("FEATURE " + GatewayFeatures.JINGLE_RTP, "FEATURE " + GatewayFeatures.ICE_UDP,
                    "FEATURE " + GatewayFeatures.DTLS, "IDENTITY client/web/WebRTC gateway");
            assertThat(lines).as("XEP-0115 verification string, computed by slixmpp from the answer")
                    .contains("VER " + new ComponentDisco(true).caps().getVer());
        }
    }

    @Test
    void discoInfoOfAUserNotLoggedInIsServiceUnavailable() throws Exception {
        try (SlixmppClient bob = SlixmppClient.disco(prosody, "bob", "carol@gw.localhost/" + ComponentEndpoint.RESOURCE)) {
            assertThat(bob.awaitLine("DISCO-")).isEqualTo("DISCO-ERROR service-unavailable");
        }
    }

    @Test
    void afterTheServerRestartsTheComponentConnectsAgainAndChatGoesOn() throws Exception {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);

        prosody.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.isLoggedIn("alice"));
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.isLoggedIn("alice")); // retries after 2 s, 4 s, 8 s...

        try (SlixmppClient bob = SlixmppClient.sending(prosody, "bob", ALICE, "still there?")) {
            bob.awaitLine("SENT");
            assertThat(alice.next("message").path("data").asText()).isEqualTo("still there?");
        }
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");
            alice.requestOk("type", "message", "to", "xmpp:bob@localhost", "data", "yes");
            assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED " + ALICE + " yes");
        }
    }

    @Test
    void aWrongSecretIsLoggedAsSuchOnceAndTriedAgainWhileTheGatewayServesOn() throws Exception {
        Queue<ILoggingEvent> attempts = new ConcurrentLinkedQueue<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ComponentStream.class);
        Level level = logger.getLevel();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().contains("not-authorized")) {
                    attempts.add(event);
                }
            }
        };
        capture.start();
        logger.addAppender(capture);
        logger.setLevel(Level.DEBUG); // the attempts after the first one are written at DEBUG only
        GatewayExtension wrong = componentGateway("not-the-secret", "reject");
        try {
            wrong.start();

            // The first attempt, and the one 2 s later: each says what the server said, and what to check,
            // but only the first at WARN: a server that refuses the secret must not fill the journal.
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts.stream()
                    .filter(a -> a.getFormattedMessage().contains("xmpp.component.secret")).count() >= 2);
            assertThat(attempts.stream().filter(a -> a.getLevel().isGreaterOrEqual(Level.WARN))).as("warnings").hasSize(1);
            TestClient carol = wrong.login("carol");
            carol.requestOk("type", "presence", "status", "away");
            assertThat(wrong.injector().getInstance(XmppBridge.class).isLoggedIn("carol")).isFalse();
        } finally {
            logger.setLevel(level);
            logger.detachAppender(capture);
            wrong.stop();
        }
    }

    private static void awaitOnline(GatewayExtension gateway, String user) {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        await().atMost(CONNECTED).until(() -> bridge.isLoggedIn(user));
    }

    /** The next presence from {@code from} with {@code status}, passing over others (an earlier one, offline). */
    private static JsonNode nextPresence(TestClient client, String from, String status) {
        for (int i = 0; i < 10; i++) {
            JsonNode next = client.next();
            if (next.path("type").asText().equals("presence") && next.path("from").asText().equals(from)
                    && next.path("status").asText().equals(status)) {
                return next;
            }
        }
        throw new AssertionError(client + " got no '" + status + "' presence from " + from);
    }
}
