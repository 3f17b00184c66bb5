package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.SessionLifecycle;
import org.webrtcgateway.core.session.QueueBudget;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.HeapProbe;
import org.webrtcgateway.testing.LegitimatePair;
import org.webrtcgateway.testing.TestClient;

/**
 * Sessions dropped on purpose, then flooded with the largest messages the protocol allows: their queues
 * used to be bounded by count only (1024 × 16 KB each), and nothing bounded them all together.
 */
class DroppedSessionFloodTest {

    private static final int VICTIMS = 20;
    private static final String PAD = "x".repeat(16_000);

    /** Ends the victims' sessions that are still waiting, as their grace period's end would (without waiting 30 s). */
    private void endAsTheGracePeriodWould(GatewayExtension gateway, List<String> victims) {
        SessionRegistry sessions = gateway.injector().getInstance(SessionRegistry.class);
        SessionLifecycle lifecycle = gateway.injector().getInstance(SessionLifecycle.class);
        victims.stream().map(sessions::byName).filter(Objects::nonNull)
                .forEach(session -> lifecycle.end(session, "it was not resumed", null));
    }

    @Nested
    class QueuesOfAllSessionsTogether {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.messages-per-second", "0")
                .with("session.queues-heap-percent", "1");

        @Test
        void staySharedBoundInBytesAndEachSessionThatWouldPassItEndsWhileOthersAreServed() {
            LegitimatePair pair = LegitimatePair.loggedIn(gateway, "1");
            long before = HeapProbe.usedAfterGc();
            QueueBudget budget = gateway.injector().getInstance(QueueBudget.class);
            List<String> victims = new ArrayList<>();
            for (int i = 0; i < VICTIMS; i++) {
                TestClient victim = gateway.login("victim" + i);
                victim.drop();
                victims.add(victim.name());
            }
            victims.forEach(gateway::awaitDropped);
            TestClient sender = gateway.login("sender");

            // Round robin over the dropped sessions until the first refusal: the heap then holds the
            // most that the queues may take together.
            int accepted = 0;
            JsonNode refusal = null;
            for (int n = 0; refusal == null && n < VICTIMS * 1024; n++) {
                JsonNode reply = sender.request("type", "message", "to", victims.get(n % VICTIMS), "data", Map.of("n", n, "pad", PAD));
                if (reply.path("type").asText().equals("ok")) {
                    accepted++;
                } else {
                    refusal = reply;
                }
            }
            long heldAtTheBound = HeapProbe.usedAfterGc();

            assertThat(refusal).as("a refusal after %d messages", accepted).isNotNull();
            assertThat(refusal.path("code").asText()).isEqualTo("unknown-peer");
            assertThat(budget.used()).isLessThanOrEqualTo(budget.limit());
            assertThat(heldAtTheBound - before).as("heap held by the queues").isLessThan(budget.limit() + HeapProbe.TOLERANCE);
            pair.call();

            endAsTheGracePeriodWould(gateway, victims);
            assertThat(budget.used()).as("ended sessions give their queues' bytes back").isZero();
            assertThat(HeapProbe.usedAfterGc() - before).isLessThan(HeapProbe.TOLERANCE);
        }
    }

    @Nested
    class DroppedSessionsAndTheAddressLimit {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.max-connections-per-address", "3")
                .with("session.resume-grace", "1s");

        @Test
        void aDroppedSessionCountsAgainstItsAddressUntilItEnds() {
            for (int i = 0; i < 3; i++) {
                TestClient dropped = gateway.login("dropped" + i);
                dropped.drop();
                gateway.awaitDropped(dropped.name());
            }

            assertThatThrownBy(gateway::client).as("a fourth connection from the address").isInstanceOf(IllegalStateException.class);

            SessionRegistry sessions = gateway.injector().getInstance(SessionRegistry.class);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sessions.size() == 0);
            gateway.login("later");
        }

        @Test
        void aResumedSessionHoldsOnlyItsNewConnectionsPlace() {
            TestClient first = gateway.client();
            String token = first.login("phone").path("session").asText();
            first.drop();
            gateway.awaitDropped("phone");

            gateway.client().requestOk("type", "login", "resume", token);

            gateway.login("second");
            gateway.login("third");
        }
    }
}
