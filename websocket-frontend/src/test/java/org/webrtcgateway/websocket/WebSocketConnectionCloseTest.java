package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * RFC 6455 §5.5.1: after sending a close frame an endpoint sends no more data frames. The answer to a client's close
 * frame is a close frame too. While it is still on its way (the client reads slowly, or the write waits for the end
 * of the read), a message the core sends the client (another user's, relayed as the connection ends) is not written.
 */
class WebSocketConnectionCloseTest {

    /** What reached the network: writes stay pending there, as to a client that has not read yet. */
    private final List<Object> onTheWire = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            onTheWire.add(msg);
        }
    });
    private final WebSocketConnection connection = new WebSocketConnection(channel, new JsonEncoder(), null,
            new WriteBuffers(1 << 20, 64 * 1024));

    @AfterEach
    void finish() {
        onTheWire.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageAfterTheAnswerToTheClientsCloseIsNotWrittenWhileTheCloseIsOnItsWay() {
        connection.close(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, (String) null));

        boolean sent = connection.send(new ServerMessage.Pong(RequestId.ofNumber("1")));

        assertThat(channel.isActive()).as("the close frame is still on its way").isTrue();
        assertThat(sent).isFalse();
        assertThat(onTheWire).singleElement().isInstanceOfSatisfying(CloseWebSocketFrame.class,
                close -> assertThat(close.statusCode()).isEqualTo(1000));
    }

    @Test
    void aSecondCloseIsNotWritten() {
        connection.close(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, (String) null));

        connection.close(WebSocketCloseStatus.PROTOCOL_ERROR, "a second close");

        assertThat(onTheWire).singleElement().isInstanceOfSatisfying(CloseWebSocketFrame.class,
                close -> assertThat(close.statusCode()).isEqualTo(1000));
        assertThat(connection.isClosing()).isTrue();
    }
}
