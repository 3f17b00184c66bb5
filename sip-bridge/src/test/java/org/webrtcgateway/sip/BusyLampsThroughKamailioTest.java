package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;

import java.time.Duration;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * Busy lamps (RFC 4235 dialog, RFC 3856/3863 presence) and the voice-mail light (RFC 3842) against Kamailio and
 * sipp phones on loopback. alice is account 1001 (registers at login, her mailbox is 1003), the watched phones are
 * 1002, the voice-mail server is 1003.
 */
@Tag("sip")
class BusyLampsThroughKamailioTest {

    static final Duration SIP_WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    private final int gatewaySipPort = FreePorts.udpAndTcp();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001(gatewaySipPort)
            .with("sip.register-at", "login")
            .with("sip.max-subscriptions-per-user", "2")
            .with("sip.account.alice.mailbox", "sip:1003@localhost")
            .with("sip.dial-plan.extension.match", "tel:(\\d{4});phone-context=.*")
            .with("sip.dial-plan.extension.to", "sip:$1@localhost");

    @Test
    @Tag("rfc4235")
    void theLampFollowsThePhonesDialogsIsRefreshedBeforeItsLifetimeEndsAndGoesOutWithExpiresZero() {
        try (SippPhone phone = kamailio.registeredPhone("blf-dialog.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            alice.requestOk("type", "subscribe", "to", "sip:1002@localhost");

            JsonNode busy = alice.next("presence");
            assertThat(busy.path("from").asText()).isEqualTo("sip:1002@localhost");
            assertThat(busy.path("status").asText()).isEqualTo("busy");
            assertThat(busy.path("note").asText()).isEqualTo("on the phone");
            JsonNode available = alice.next("presence");
            assertThat(available.path("status").asText()).isEqualTo("available");
            assertThat(available.has("note")).isFalse();
            // The phone granted 4 s: its ringing NOTIFY follows only the refresh SUBSCRIBE, sent before they ran out.
            JsonNode ringing = alice.next("presence");
            assertThat(ringing.path("status").asText()).isEqualTo("busy");
            assertThat(ringing.path("note").asText()).isEqualTo("ringing");

            alice.requestOk("type", "unsubscribe", "to", "sip:1002@localhost");

            phone.awaitSuccess();
            String log = phone.messageLog();
            assertThat(Pattern.compile("^SUBSCRIBE sip:", Pattern.MULTILINE).matcher(log).results().count())
                    .as("the first SUBSCRIBE, its refresh and the un-SUBSCRIBE").isEqualTo(3);
            assertThat(log).contains("Event: dialog").contains("Accept: application/dialog-info+xml").contains("Expires: 0");
            Duration granted = Duration.between(
                    loggedAt(log, m -> m.startsWith("SIP/2.0 200 OK") && m.contains(" SUBSCRIBE\n")),
                    loggedAt(log, m -> m.startsWith("SUBSCRIBE ") && Pattern.compile("(?m)^To: .*;tag=").matcher(m).find()));
            assertThat(granted).as("the refresh, in the dialog (a To tag), came before the 4 s granted ran out")
                    .isLessThan(Duration.ofSeconds(4)).isGreaterThan(Duration.ofSeconds(2));
            await().atMost(SIP_WAIT).until(() -> bridge().subscriptionsLive() == 0);
        }
    }

    @Test
    @Tag("rfc3856")
    void aPhoneThatRefusesTheDialogPackageIsWatchedThroughPresence() {
        try (SippPhone phone = kamailio.registeredPhone("blf-presence-fallback.xml", "1002", "pw1002", "-m", "2")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            alice.requestOk("type", "subscribe", "to", "tel:1002;phone-context=localhost");

            JsonNode offline = alice.next("presence");
            assertThat(offline.path("from").asText()).as("from the address subscribed to").isEqualTo("tel:1002;phone-context=localhost");
            assertThat(offline.path("status").asText()).isEqualTo("offline");
            assertThat(offline.path("note").asText()).isEqualTo("gone home");

            alice.requestOk("type", "unsubscribe", "to", "tel:1002;phone-context=localhost");
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("489 Bad Event").contains("Event: presence")
                    .contains("Accept: application/pidf+xml").contains("Expires: 0");
        }
    }

    @Test
    void loggingOutEndsTheUsersBusyLampsWithExpiresZero() {
        try (SippPhone phone = kamailio.registeredPhone("blf-until-unsubscribed.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            alice.requestOk("type", "subscribe", "to", "sip:1002@localhost");
            assertThat(alice.next("presence").path("status").asText()).isEqualTo("busy");

            alice.closeNormally();

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("Expires: 0");
        }
    }

    @Test
    void aUserWatchesNoMoreAddressesThanTheLimitAndAUserWithoutAnAccountNone() {
        TestClient alice = loggedInAndRegistered(gateway, "alice");
        // Nobody answers for 200x: each lamp shows offline, in between the replies.
        assertThat(reply(alice, 1, "subscribe", "sip:2001@localhost").path("type").asText()).isEqualTo("ok");
        assertThat(reply(alice, 2, "subscribe", "sip:2002@localhost").path("type").asText()).isEqualTo("ok");
        assertThat(reply(alice, 3, "subscribe", "sip:2001@localhost").path("type").asText())
                .as("the same address again takes no new place").isEqualTo("ok");

        JsonNode third = reply(alice, 4, "subscribe", "sip:2003@localhost");
        assertThat(third.path("code").asText()).isEqualTo("forbidden");
        assertThat(third.path("message").asText()).contains("sip.max-subscriptions-per-user");
        assertThat(reply(alice, 5, "unsubscribe", "sip:2001@localhost").path("type").asText()).isEqualTo("ok");
        assertThat(reply(alice, 6, "subscribe", "sip:2003@localhost").path("type").asText()).isEqualTo("ok");

        TestClient carol = gateway.login("carol");
        assertThat(carol.requestError("forbidden", "type", "subscribe", "to", "sip:2001@localhost").path("message").asText())
                .contains("no SIP account");
    }

    /** The reply to a request with this id, passing over the presence that lamps send meanwhile. */
    private static JsonNode reply(TestClient user, int id, String type, String to) {
        user.send("type", type, "to", to, "id", id);
        return user.nextMatching("the reply to " + id, json -> json.path("id").asInt() == id);
    }

    @Test
    void anUnwatchableAddressShowsOffline() {
        TestClient alice = loggedInAndRegistered(gateway, "alice");

        alice.requestOk("type", "subscribe", "to", "sip:2009@localhost"); // nobody registered: Kamailio's 404

        JsonNode lamp = alice.nextOfType("presence");
        assertThat(lamp.path("from").asText()).isEqualTo("sip:2009@localhost");
        assertThat(lamp.path("status").asText()).isEqualTo("offline");
    }

    // ------------------------------------------------------------------ voice-mail light

    @Test
    @Tag("rfc3842")
    void theMailboxSubscriptionBringsTheMessageCounts() {
        try (SippPhone voiceMail = kamailio.registeredPhone("mwi-mailbox.xml", "1003", "pw1003")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            JsonNode mailbox = alice.nextOfType("mailbox");
            assertThat(mailbox.path("from").asText()).isEqualTo("sip:1003@localhost");
            assertThat(mailbox.path("new").asInt()).isEqualTo(3);
            assertThat(mailbox.path("old").asInt()).isEqualTo(1);
            voiceMail.awaitSuccess();
            assertThat(voiceMail.messageLog()).contains("Event: message-summary").contains("Accept: application/simple-message-summary");
        }
    }

    @Test
    @Tag("rfc3842")
    void anUnsolicitedMessageSummaryLightsTheLampAndAMalformedOneGets400AndNothing() {
        TestClient alice = loggedInAndRegistered(gateway, "alice");

        try (SippPhone pbx = SippPhone.start("mwi-unsolicited.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                "-s", "1001", "-key", "mailbox", "sip:*97@localhost")) {
            pbx.awaitSuccess();
        }

        JsonNode mailbox = alice.nextOfType("mailbox");
        assertThat(mailbox.path("from").asText()).isEqualTo("sip:*97@localhost");
        assertThat(mailbox.path("new").asInt()).as("the malformed summary before it delivered nothing").isEqualTo(2);
        assertThat(mailbox.path("old").asInt()).isEqualTo(5);
    }

    @Test
    void aNotifyForNoSubscriptionGets481() {
        loggedInAndRegistered(gateway, "alice");

        try (SippPhone stranger = SippPhone.start("notify-unknown.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "1001")) {
            stranger.awaitSuccess();
        }
    }

    /** When sipp logged the first message that {@code matches} (its message log heads each with the time and what it did). */
    private static java.time.LocalDateTime loggedAt(String log, java.util.function.Predicate<String> matches) {
        java.util.regex.Matcher head = Pattern.compile("(?m)^-+ (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}\\.\\d+)\\n").matcher(log);
        java.util.List<java.util.regex.MatchResult> heads = head.results().toList();
        for (int i = 0; i < heads.size(); i++) {
            int end = i + 1 < heads.size() ? heads.get(i + 1).start() : log.length();
            String block = log.substring(heads.get(i).end(), end).replace("\r", "");
            String message = block.substring(block.indexOf("\n\n") + 2).strip(); // after "UDP message received [n] bytes :"
            if (matches.test(message)) {
                return java.time.LocalDateTime.parse(heads.get(i).group(1) + "T" + heads.get(i).group(2));
            }
        }
        throw new AssertionError("no such message in the log:\n" + log);
    }

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }

}
