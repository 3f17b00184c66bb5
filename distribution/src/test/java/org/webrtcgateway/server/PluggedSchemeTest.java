package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.websocket.WebSocketServer;

/**
 * A plug-in joins the gateway by being on the class path, and nothing else: {@link EchoBridgePlugin}
 * is in no module, only in these tests' {@code META-INF/services}, and brings a scheme the core does
 * not know ({@code echo:}). The gateway starts as {@code Main} starts it; a browser calls the scheme.
 */
class PluggedSchemeTest {

    private Composition.Started started;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        started = Composition.discover().start(Settings.of(Map.of("websocket.bind", "127.0.0.1", "websocket.port", "0")), List.of());
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        started.lifecycle().stop();
    }

    @Test
    void anOfferToTheSchemeReachesThePlugInsBridgeAndItsAnswerComesBack() {
        TestClient alice = login("alice");

        String call = alice.requestOk("type", "offer", "to", "echo:anything", "sdp", "v=0\r\n").path("call").asText();

        JsonNode answer = alice.next("answer");
        assertThat(answer.path("from").asText()).isEqualTo("echo:anything");
        assertThat(answer.path("call").asText()).isEqualTo(call);
        assertThat(answer.path("sdp").asText()).isEqualTo("v=0\r\n");
    }

    @Test
    void theSchemeIsCaseInsensitiveAndWrittenInLowerCase() {
        TestClient alice = login("alice");

        alice.requestOk("type", "offer", "to", "ECHO:Bob", "sdp", "v=0\r\n");

        assertThat(alice.next("answer").path("from").asText()).isEqualTo("echo:Bob");
    }

    @Test
    void anAddressOfTheSchemeNotOfItsFormIsBadMessage() {
        TestClient alice = login("alice");

        JsonNode error = alice.requestError("bad-message", "type", "offer", "to", "echo:not/this", "sdp", "v=0\r\n");

        assertThat(error.path("message").asText()).contains("'to'").contains("echo:...");
        alice.requestError("bad-message", "type", "offer", "to", "echo:", "sdp", "v=0\r\n");
        alice.requestError("bad-message", "type", "message", "to", "echo:" + "n".repeat(65), "data", "hi");
    }

    private TestClient login(String name) {
        int port = started.injector().getInstance(WebSocketServer.class).address().getPort();
        TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
        clients.add(client);
        client.login(name);
        return client;
    }
}
