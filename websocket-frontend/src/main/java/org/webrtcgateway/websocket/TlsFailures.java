package org.webrtcgateway.websocket;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Tells the operator that TLS handshakes fail, and why, without letting the clients that cause it
 * (a browser sent to {@code http://}, a scanner, a client that does not trust the certificate) fill
 * the journal: one WARN line a minute with the count and the last cause, each failure at DEBUG.
 * Sits just below the TLS stage; the failure itself is handled there and below (the connection is
 * closed).
 */
@ChannelHandler.Sharable
final class TlsFailures extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsFailures.class);

    private final RepeatedCondition failed = RepeatedCondition.warn(log, "TLS handshakes failed");

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            Throwable cause = handshake.cause();
            String peer = host(ctx.channel().remoteAddress());
            if (cause instanceof ClosedChannelException) {
                // A client (a health check, a scanner) that connected and left: nothing to fix.
                log.debug("{} closed the connection before the TLS handshake was done", peer);
            } else {
                failed.occurred(peer + ": " + reason(cause));
            }
        }
        super.userEventTriggered(ctx, event);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "not an SSL/TLS record — plain HTTP to the https port?";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String host(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
