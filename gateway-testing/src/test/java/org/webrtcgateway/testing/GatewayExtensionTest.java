package org.webrtcgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * The extension on a class path with no network frontend (this module's tests): the settings check is
 * the server's, and clients talk to the gateway through the in-process frontend, as a bridge module's
 * tests do. With the WebSocket frontend, see websocket-frontend's {@code TestGatewayTest}.
 */
class GatewayExtensionTest {

    @Test
    void aMisspelledSettingFailsTheStartNamingTheKeyItMeant() {
        GatewayExtension misspelled = new GatewayExtension().with("session.resume-grase", "1s");

        assertThatThrownBy(misspelled::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'session.resume-grase'")
                .hasMessageContaining("did you mean 'session.resume-grace'?");
    }

    @Test
    void aFrontendThatCannotListenFailsTheStartWithItsConfigErrorAndTheStartedBridgesAreStopped() {
        RecordingBridge bridge = new RecordingBridge("recording", "rec");
        ConfigException portInUse = new ConfigException("test.port: 127.0.0.1:1 is already in use");
        GatewayExtension gateway = new GatewayExtension().withModule(bridge.module()).withModule(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), Frontend.class).addBinding().toInstance(new Frontend() {
                    @Override
                    public void start() {
                        throw portInUse;
                    }

                    @Override
                    public void stopAccepting() {
                    }

                    @Override
                    public void stop(java.time.Duration within) {
                    }
                });
            }
        });

        assertThatThrownBy(gateway::start).as("the frontend's own exception, unwrapped").isSameAs(portInUse);
        assertThat(bridge.isStopped()).as("the bridge started before the frontend failed").isTrue();
    }

    @Test
    void withoutANetworkFrontendClientsCallLogOutAndDropThroughTheInProcessOne() throws Exception {
        GatewayExtension gateway = new GatewayExtension();
        gateway.start();
        try {
            assertThat(gateway.wsUri().getScheme()).isEqualTo("inproc");
            LegitimatePair.loggedIn(gateway, "1").call();
            SessionRegistry sessions = gateway.injector().getInstance(SessionRegistry.class);

            TestClient dropped = gateway.login("dropped");
            dropped.drop();
            gateway.awaitDropped("dropped");

            TestClient leaving = gateway.login("leaving");
            leaving.closeNormally();
            assertThat(leaving.awaitClose().code()).as("the close is echoed").isEqualTo(1000);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sessions.byName("leaving") == null);
        } finally {
            gateway.stop();
        }
    }

    @Test
    void theGatewaysCloseReachesAnInProcessClientWithTheProtocolsCode() throws Exception {
        GatewayExtension gateway = new GatewayExtension();
        gateway.start();
        TestClient alice = gateway.login("alice");

        gateway.injector().getInstance(Lifecycle.class).stop(); // as at SIGTERM (the extension's stop drops its clients first)

        assertThat(alice.awaitClose().code()).isEqualTo(1001);
        gateway.stop();
    }
}
