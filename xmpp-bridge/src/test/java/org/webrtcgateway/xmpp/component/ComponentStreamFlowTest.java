package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.xmpp.XmppConfig;
import org.webrtcgateway.xmpp.link.InboundStanzas;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * The component's stream against a scripted server: a flood waits in TCP, not in the heap, and nothing of it is
 * lost; a lost stream is connected again and every logged-in user's presence goes out again.
 */
class ComponentStreamFlowTest {

    private static final String SECRET = "fake-secret";

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final CountDownLatch bridgeBusy = new CountDownLatch(1);
    private volatile boolean blockOnMessages;
    private FakeComponentServer server;
    private XmppComponent component;

    @AfterEach
    void stop() throws Exception {
        bridgeBusy.countDown();
        if (component != null) {
            thread.execute(component::stop);
        }
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void aFloodOfStanzasWaitsInTcpWhileTheBridgeThreadIsBusyAndAllArriveInOrderAfterwards() throws Exception {
        server = new FakeComponentServer();
        component = start("reject");
        FakeComponentServer.Connection connection = server.acceptAndShakeHands(SECRET);
        component.userOnline(new Address.Local("alice"));
        blockOnMessages = true;
        int flood = 20_000;
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < flood; i++) {
                    connection.send("<message from='bob@localhost/pc' to='alice@gw.localhost' type='chat' id='" + i + "'><body>"
                            + "x".repeat(100) + "</body></message>");
                }
            } catch (Exception e) {
                // the test ended first
            }
        }, "flood");
        writer.setDaemon(true);
        writer.start();

        // The reader fills the hand-over (one stanza on the busy thread, the others queued), then waits: no more
        // stanzas are read, so the rest stay in TCP's buffers and the server's, not in the heap.
        await().atMost(Duration.ofSeconds(10)).until(() -> readerWaits() && thread.getQueue().size() >= XmppComponent.MAX_WAITING_STANZAS - 1);
        assertThat(thread.getQueue().size()).isLessThanOrEqualTo(XmppComponent.MAX_WAITING_STANZAS);

        bridgeBusy.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.size() == flood);
        assertThat(messages).extracting(Message::getStanzaId).startsWith("0", "1", "2").endsWith(String.valueOf(flood - 1));
        for (int i = 0; i < flood; i++) {
            assertThat(messages.get(i).getStanzaId()).isEqualTo(String.valueOf(i));
        }
    }

    @Test
    void aLostStreamIsConnectedAgainAndEveryOnlineUsersPresenceGoesOutAgain() throws Exception {
        server = new FakeComponentServer();
        component = start("accept");
        FakeComponentServer.Connection first = server.acceptAndShakeHands(SECRET);
        component.userOnline(new Address.Local("alice"));
        first.send("<presence type='subscribe' from='bob@localhost' to='alice@gw.localhost'/>");
        first.awaitText("type='subscribed'");

        first.close();
        FakeComponentServer.Connection second = server.acceptAndShakeHands(SECRET); // after the 2 s back-off

        second.awaitText("from='alice@gw.localhost/gateway'");
        assertThat(second.received()).contains("to='bob@localhost'", "http://jabber.org/protocol/caps")
                .as("stanzas in the stream's namespace, jabber:component:accept").doesNotContain("jabber:client");
    }

    @Test
    void aMessageToAUserWhoIsNotLoggedInIsAnsweredServiceUnavailable() throws Exception {
        server = new FakeComponentServer();
        component = start("reject");
        FakeComponentServer.Connection connection = server.acceptAndShakeHands(SECRET);

        connection.send("<message from='bob@localhost/pc' to='carol@gw.localhost' type='chat' id='m1'><body>hi</body></message>");

        connection.awaitText("service-unavailable");
        assertThat(connection.received()).contains("<message to='bob@localhost/pc' from='carol@gw.localhost' id='m1' type='error'>");
    }

    private XmppComponent start(String policy) {
        XmppConfig config = XmppConfig.from(Settings.of(Map.of("xmpp.enabled", "true", "xmpp.mode", "component",
                "xmpp.component.domain", "gw.localhost", "xmpp.component.server", "127.0.0.1:" + server.port(),
                "xmpp.component.secret", SECRET, "xmpp.subscription-policy", policy)));
        XmppComponent started = new XmppComponent(config, thread, new Recording(), user -> { });
        thread.execute(started::start);
        return started;
    }

    private static boolean readerWaits() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("xmpp-component-reader") && t.getState() == Thread.State.WAITING);
    }

    /** What the shared code would get; messages wait while the test keeps the bridge's thread busy. */
    private final class Recording implements InboundStanzas {
        @Override
        public void message(XmppEndpoint to, Message message) {
            if (blockOnMessages) {
                try {
                    bridgeBusy.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            messages.add(message);
        }

        @Override
        public void presence(XmppEndpoint to, Presence presence) {
        }

        @Override
        public void iqRequest(XmppEndpoint to, IQ request) {
        }
    }
}
