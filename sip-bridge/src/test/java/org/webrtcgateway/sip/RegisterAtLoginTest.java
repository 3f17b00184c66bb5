package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.awaitRegistered;

import java.time.Duration;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * {@code sip.register-at: login}: an account is REGISTERed while its user is logged in and
 * un-REGISTERed when the session ends; a login token may carry the account itself.
 */
@Tag("sip")
class RegisterAtLoginTest {

    private static final Duration SIP_WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "jwt-secret-for-tests";

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("auth.jwt-secret", SECRET)
            .with("sip.enabled", "true")
            .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
            .with("sip.transports", "udp")
            .with("sip.proxy", kamailio.hostPort())
            .with("sip.register-at", "login")
            .with("sip.account.alice.aor", "sip:1001@localhost")
            .with("sip.account.alice.password", "pw1001");

    @Test
    void anAccountIsRegisteredWhileItsUserIsLoggedInAndUnregisteredWhenTheSessionEnds() {
        assertThat(bridge().registration("alice")).as("not before the login").isEmpty();

        TestClient alice = gateway.client();
        alice.requestOk("type", "login", "token", token("alice", null));
        awaitRegistered(gateway, "alice");

        alice.closeNormally();
        await().atMost(SIP_WAIT).until(() -> bridge().registration("alice").isEmpty());
        try (SippPhone caller = SippPhone.start("uac-not-registered.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                "-s", "1001", "-key", "caller", "1002", "-au", "1002", "-ap", "pw1002")) {
            caller.awaitSuccess(); // Kamailio answers 404: the gateway took its Contact back
        }
    }

    @Test
    void aLoginTokenCarryingASipAccountRegistersItForThatSession() {
        TestClient carol = gateway.client();
        carol.requestOk("type", "login", "token", token("carol", "sip:1003@localhost"));

        awaitRegistered(gateway, "carol");
        assertThat(bridge().registration("carol").orElseThrow().challenged()).isTrue();

        carol.closeNormally();
        await().atMost(SIP_WAIT).until(() -> bridge().registration("carol").isEmpty());
    }

    @Test
    void aPhoneCallingAnAccountFromALoginTokenRingsThatUsersBrowser() {
        // Contacts of 1003 left at Kamailio by an earlier gateway would fork the call to a dead end.
        try (SippPhone unregister = SippPhone.start("unregister-all.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                "-s", "1003", "-au", "1003", "-ap", "pw1003")) {
            unregister.awaitSuccess();
        }
        TestClient carol = gateway.client();
        carol.requestOk("type", "login", "token", token("carol", "sip:1003@localhost"));
        awaitRegistered(gateway, "carol");

        try (SippPhone phone = SippPhone.start("uac-refused.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                "-s", "1003", "-key", "caller", "1002", "-au", "1002", "-ap", "pw1002")) {
            String call = carol.next("offer").path("call").asText();
            carol.requestOk("type", "reject", "call", call, "reason", "busy");

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("SIP/2.0 486");
        }
    }

    @Test
    void aTokensSipAccountOfTheWrongFormIsRefusedWithoutRefusingTheLogin() {
        TestClient mallory = gateway.client();

        mallory.requestOk("type", "login", "token", token("mallory", "sip:evil@localhost>\r\nX-Injected: 1"));

        assertThat(bridge().registration("mallory")).isEmpty();
    }

    private static String token(String name, String sipAor) {
        var builder = JWT.create().withSubject(name).withExpiresAt(java.time.Instant.now().plusSeconds(600));
        if (sipAor != null) {
            builder.withClaim("sip_aor", sipAor).withClaim("sip_password", "pw" + sipAor.substring(4, 8));
        }
        return builder.sign(Algorithm.HMAC256(SECRET));
    }

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }
}
