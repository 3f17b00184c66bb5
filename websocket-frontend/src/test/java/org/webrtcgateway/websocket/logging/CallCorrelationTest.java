package org.webrtcgateway.websocket.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.TestClient;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Browser-to-browser calls, over real WebSocket connections: every log line about a call carries its
 * correlation id in the MDC, no line of another call at the same time carries it, and the event loops
 * log without it once the call's work is done.
 */
class CallCorrelationTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    private final LogCapture log = LogCapture.everything(Level.DEBUG, "org.webrtcgateway.core");

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void everyLineAboutABrowserToBrowserCallCarriesItsOwnCorrelationIdAndNoOtherCallsOne() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        TestClient dave = gateway.login("dave");
        String first = alice.requestOk("type", "offer", "to", "bob", "sdp", "v=0\r\n").path("call").asText();
        String second = carol.requestOk("type", "offer", "to", "dave", "sdp", "v=0\r\n").path("call").asText();
        bob.next("offer");
        dave.next("offer");
        String firstId = correlationId("alice", first);
        String secondId = correlationId("carol", second);
        assertThat(correlationId("bob", first)).as("both parties' view of one call").isEqualTo(firstId);

        bob.requestOk("type", "answer", "call", first, "sdp", "v=0\r\n");
        dave.requestOk("type", "answer", "call", second, "sdp", "v=0\r\n");
        alice.next("answer");
        carol.next("answer");
        alice.requestOk("type", "bye", "call", first);
        carol.requestOk("type", "bye", "call", second);
        bob.next("bye");
        dave.next("bye");
        alice.closeNormally();
        bob.closeNormally();
        gateway.stop();

        assertThat(firstId).matches("[A-Za-z0-9_-]{10}").isNotEqualTo(secondId);
        List<ILoggingEvent> ofFirst = log.withMdc(CallCorrelation.MDC_KEY, firstId);
        assertThat(LogCapture.lines(ofFirst)).as("placed, answered, ended")
                .anyMatch(line -> line.contains("placed")).anyMatch(line -> line.contains("Answer from bob"))
                .anyMatch(line -> line.contains("ended by alice"))
                .allMatch(line -> line.contains("call " + first + " (")).noneMatch(line -> line.contains(second));
        assertThat(ofFirst).extracting(ILoggingEvent::getThreadName).allMatch(thread -> thread.startsWith("websocket-io"));
        assertThat(LogCapture.lines(log.withMdc(CallCorrelation.MDC_KEY, secondId))).isNotEmpty()
                .noneMatch(line -> line.contains(first));
        assertThat(log.all()).as("every line about the first call carries its id")
                .filteredOn(event -> event.getFormattedMessage().contains("call " + first + " ("))
                .allMatch(event -> firstId.equals(event.getMDCPropertyMap().get(CallCorrelation.MDC_KEY)));
        List<ILoggingEvent> sessionEnds = log.all().stream()
                .filter(event -> event.getFormattedMessage().matches("session (alice|bob) ended.*")).toList();
        assertThat(sessionEnds).as("the event loops that carried the call log its users' ends without its id").hasSize(2)
                .allMatch(event -> !event.getMDCPropertyMap().containsKey(CallCorrelation.MDC_KEY));
    }

    private String correlationId(String user, String callId) {
        return gateway.injector().getInstance(SessionRegistry.class).byName(user).call(callId).correlationId();
    }
}
