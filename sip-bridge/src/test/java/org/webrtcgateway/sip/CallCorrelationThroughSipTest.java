package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.sip.stack.SipDispatcher;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.TestClient;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * One call's story in the logs through the SIP bridge, against Kamailio and a sipp phone: its correlation id
 * is on the lines of the WebSocket event loop, the bridge thread and JAIN-SIP's thread, is linked once to the
 * SIP Call-ID the phone saw, and is on no line of a second call to the same phone at the same time.
 */
@Tag("sip")
class CallCorrelationThroughSipTest {

    private static final Pattern LINK = Pattern.compile("call=(\\S+) is SIP Call-ID (\\S+) \\((\\S+) -> .*gateway call id (\\S+)\\)");

    private static final String FRONTEND_THREAD = "in-process-to-core";

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("sip.enabled", "true")
            .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
            .with("sip.transports", "udp")
            .with("sip.proxy", kamailio.hostPort())
            .with("sip.gathering-deadline", "2s")
            .with("sip.account.alice.aor", "sip:1001@localhost")
            .with("sip.account.alice.password", "pw1001")
            .with("sip.account.bob.aor", "sip:1003@localhost")
            .with("sip.account.bob.password", "pw1003");

    private final LogCapture log = LogCapture.everything(Level.DEBUG, "org.webrtcgateway.core", "org.webrtcgateway.sip");

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aCallsCorrelationIdFollowsItFromTheEventLoopToTheBridgeAndJainSipThreadsAndToItsSipCallId() {
        try (SippPhone phone = registeredPhone()) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            TestClient bob = loggedInAndRegistered(gateway, "bob");

            String first = offer(alice);
            String second = offer(bob);
            String firstId = correlationId("alice", first);
            String secondId = correlationId("bob", second);
            // A 180 and the 200 close behind it may come as one ringing-less answer: wait for the answer.
            alice.nextOfType("answer");
            bob.nextOfType("answer");
            alice.requestOk("type", "bye", "call", first);
            bob.requestOk("type", "bye", "call", second);
            phone.awaitSuccess();
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge().activeCalls() == 0);
            String sipLog = phone.messageLog();
            alice.closeNormally();
            bob.closeNormally();
            gateway.stop();

            assertThat(firstId).isNotEqualTo(secondId);
            String firstSipCallId = sipCallIdLinkedTo(firstId, "alice", first);
            String secondSipCallId = sipCallIdLinkedTo(secondId, "bob", second);
            assertThat(sipLog).as("the phone saw the linked Call-IDs").contains("Call-ID: " + firstSipCallId)
                    .contains("Call-ID: " + secondSipCallId);

            List<ILoggingEvent> ofFirst = log.withMdc(CallCorrelation.MDC_KEY, firstId);
            Set<String> threads = ofFirst.stream().map(ILoggingEvent::getThreadName).collect(Collectors.toSet());
            // This module's frontend is the in-process one: its connection thread stands for the WebSocket event
            // loop (websocket-frontend's CallCorrelationTest shows the same on websocket-io threads).
            assertThat(threads).as("the frontend's connection thread and the bridge thread").contains(FRONTEND_THREAD, "sip-bridge");
            assertThat(ofFirst).as("JAIN-SIP's thread, handing the phone's responses over")
                    .filteredOn(event -> event.getLoggerName().equals(SipDispatcher.class.getName()))
                    .isNotEmpty()
                    .allMatch(event -> !event.getThreadName().equals("sip-bridge") && !event.getThreadName().equals(FRONTEND_THREAD))
                    .allMatch(event -> event.getFormattedMessage().contains(firstSipCallId));
            assertThat(LogCapture.lines(ofFirst)).as("nothing of the other call")
                    .noneMatch(line -> line.contains(secondSipCallId) || line.contains(second) || line.contains("bob"));
            assertThat(log.all()).as("every line naming the first call's SIP Call-ID or its call id carries its id")
                    .filteredOn(event -> event.getFormattedMessage().contains(firstSipCallId)
                            || event.getFormattedMessage().contains("[" + first + " ") || event.getFormattedMessage().contains("call " + first + " ("))
                    .isNotEmpty()
                    .allMatch(event -> firstId.equals(event.getMDCPropertyMap().get(CallCorrelation.MDC_KEY)));
            assertThat(log.all()).as("the threads log their users' ends without a call's id")
                    .filteredOn(event -> event.getFormattedMessage().matches("session (alice|bob) ended.*"))
                    .hasSize(2).allMatch(event -> !event.getMDCPropertyMap().containsKey(CallCorrelation.MDC_KEY));
        }
    }

    /** The SIP Call-ID of the one link line of {@code correlationId}, which names the user and gateway call id. */
    private String sipCallIdLinkedTo(String correlationId, String user, String callId) {
        List<Matcher> links = log.all().stream().map(event -> LINK.matcher(event.getFormattedMessage()))
                .filter(Matcher::matches).filter(link -> link.group(1).equals(correlationId)).toList();
        assertThat(links).as("one link line for " + correlationId).hasSize(1);
        assertThat(links.get(0).group(3)).isEqualTo(user);
        assertThat(links.get(0).group(4)).isEqualTo(callId);
        return links.get(0).group(2);
    }

    private String offer(TestClient browser) {
        String call = browser.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", SipCallsThroughKamailioTest.OFFER)
                .path("call").asText();
        browser.send("type", "candidate", "call", call, "candidate", null);
        return call;
    }

    private String correlationId(String user, String callId) {
        return gateway.injector().getInstance(SessionRegistry.class).byName(user).call(callId).correlationId();
    }

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }


    /** Phone 1002, which answers two calls and takes their BYEs. */
    private static SippPhone registeredPhone() {
        return kamailio.registeredPhone("uas.xml", "1002", "pw1002", "-m", "2");
    }
}
