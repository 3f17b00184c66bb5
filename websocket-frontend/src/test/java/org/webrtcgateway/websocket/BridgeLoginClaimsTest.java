package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;

/** A bridge learns a user's login-token claims (a SIP account, say) when the user logs in. */
class BridgeLoginClaimsTest {

    private final RecordingBridge sip = new RecordingBridge("sip", "sip");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-secret", "s3cret")
            .with("auth.require-exp", "false") // the claims below are compared whole: no exp among them
            .withModule(sip.module());

    @Test
    void theLoginTokensClaimsReachTheBridges() throws InterruptedException {
        String token = JWT.create().withSubject("alice").withClaim("sip_aor", "sip:1001@pbx.example.org")
                .sign(Algorithm.HMAC256("s3cret"));

        gateway.client().requestOk("type", "login", "token", token);

        assertThat(sip.userEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("online alice {sip_aor=sip:1001@pbx.example.org, sub=alice}");
    }
}
