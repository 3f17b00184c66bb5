package org.webrtcgateway.sip.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.webrtcgateway.sip.SipBridge;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** A test's gateway users with SIP accounts: logged in, and their accounts registered at the PBX. */
public final class SipUsers {

    /** How long a REGISTER through Kamailio may take, digest challenge included, on a loaded CI machine. */
    public static final Duration REGISTERED = Duration.ofSeconds(10);

    private SipUsers() {
    }

    /** Logs {@code name} in and returns once the bridge has registered its account. */
    public static TestClient loggedInAndRegistered(GatewayExtension gateway, String name) {
        TestClient user = gateway.login(name);
        awaitRegistered(gateway, name);
        return user;
    }

    /** Returns once the bridge has registered the account of {@code name}. */
    public static void awaitRegistered(GatewayExtension gateway, String name) {
        SipBridge bridge = gateway.injector().getInstance(SipBridge.class);
        await(name + "'s account registered").atMost(REGISTERED)
                .until(() -> bridge.registration(name).map(r -> r.registered()).orElse(false));
    }
}
