package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RawWebSocket;

/** RFC 6455 §5.5.1 and §7.4: how the gateway answers a client's close frame. */
class CloseFrameTest {

    private static final int CLOSE = 0x8;

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    private int answerTo(byte[] closePayload) throws IOException {
        try (RawWebSocket client = RawWebSocket.connect(gateway.port(), 0)) {
            client.sendFrame(CLOSE, closePayload);
            RawWebSocket.Frame answer = client.readUntil(CLOSE);
            assertThat(answer).isNotNull();
            assertThat(client.closedByServer()).isTrue();
            return answer.payload().length < 2 ? -1 : ((answer.payload()[0] & 0xff) << 8) | (answer.payload()[1] & 0xff);
        }
    }

    private static byte[] code(int code) {
        return new byte[] {(byte) (code >>> 8), (byte) code};
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1011, 1014, 3000, 4000, 4999})
    void aValidCodeIsEchoed(int code) throws IOException {
        assertThat(answerTo(code(code))).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535})
    void aCodeNoEndpointMaySendIsAProtocolError(int code) throws IOException {
        assertThat(answerTo(code(code))).isEqualTo(1002);
    }

    @Test
    void aCloseWithoutACodeIsAnsweredNormally() throws IOException {
        assertThat(answerTo(new byte[0])).isEqualTo(1000);
    }
}
