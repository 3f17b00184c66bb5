package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;

/** A login token may carry the user's XMPP account: it is online in XMPP for that session. */
@Tag("xmpp")
class LoginTokenAccountTest {

    private static final String SECRET = "jwt-secret-for-tests";

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("auth.jwt-secret", SECRET)
            .with("xmpp.enabled", "true")
            .with("xmpp.server", prosody.c2sHostPort())
            .with("xmpp.trust-certificate", prosody.certificate().toString());

    private static String token(String name, String jid, String password) {
        return JWT.create().withSubject(name).withExpiresAt(java.time.Instant.now().plusSeconds(600)).withClaim("xmpp_jid", jid).withClaim("xmpp_password", password)
                .sign(Algorithm.HMAC256(SECRET));
    }

    @Test
    void theTokensAccountIsOnlineForTheSessionAndCarriesItsChat() throws Exception {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        TestClient carol = gateway.client();
        carol.requestOk("type", "login", "token", token("carol", "carol@localhost", "carolpw"));
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("carol"));

        try (SlixmppClient bob = SlixmppClient.sending(prosody, "bob", "carol@localhost", "hello carol")) {
            bob.awaitLine("SENT");
            JsonNode message = carol.next("message");
            assertThat(message.path("from").asText()).isEqualTo("xmpp:bob@localhost");
            assertThat(message.path("data").asText()).isEqualTo("hello carol");
        }

        carol.closeNormally();
        await().atMost(Duration.ofSeconds(15)).until(() -> !bridge.isLoggedIn("carol"));
    }

    @Test
    void aTokensAccountThatIsNotAJidIsRefusedWithoutRefusingTheLogin() {
        TestClient mallory = gateway.client();

        mallory.requestOk("type", "login", "token", token("mallory", "not a jid <evil>", "x"));

        mallory.requestError("forbidden", "type", "message", "to", "xmpp:bob@localhost", "data", "hi");
    }
}
