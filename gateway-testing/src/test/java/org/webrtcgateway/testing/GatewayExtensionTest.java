package org.webrtcgateway.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;

/**
 * The extension on a class path with no plug-in at all (this module's tests): the settings check is
 * the server's, and a missing frontend is named as such. With the WebSocket frontend, see
 * websocket-frontend's {@code TestGatewayTest}.
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
    void withoutAFrontendOnTheClassPathTheStartSaysWhichDependencyIsMissing() {
        GatewayExtension noFrontend = new GatewayExtension();

        assertThatThrownBy(noFrontend::start).isInstanceOf(IllegalStateException.class)
                .hasMessage(GatewayExtension.NO_FRONTEND)
                .hasMessageContaining("websocket-frontend as a test dependency");
    }
}
