package org.webrtcgateway.websocket;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.CloseReason;

/**
 * A WebSocket channel as the core's {@link ClientConnection}. Messages are encoded on the sending
 * thread and written to the channel in the order they were sent, whichever thread sent them. A client whose
 * unsent bytes pass {@code websocket.write-buffer-limit} is cut off rather than buffered without bound
 * (see {@link WriteGuard}); a session sending a backlog asks {@link #isWritable} first and waits instead.
 */
final class WebSocketConnection implements ClientConnection {

    /**
     * How long a close frame may take to reach a client before the connection is closed anyway: a
     * client that stopped reading would otherwise hold it open.
     */
    static final long CLOSE_DEADLINE_MILLIS = 5000;

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);
    /** A bug of ours, maybe hit by every message to a room: its stack trace once a minute. */
    private static final RepeatedCondition unencodable = RepeatedCondition.error(log,
            "messages that could not be encoded were dropped");

    /** Fired down the pipeline when a connection held back by {@link WriteBuffers} may take messages again. */
    static final Object ROOM_AGAIN = "write-buffers.room-again";

    private static final AtomicLongFieldUpdater<WebSocketConnection> UNREAD =
            AtomicLongFieldUpdater.newUpdater(WebSocketConnection.class, "unread");
    private static final AtomicIntegerFieldUpdater<WebSocketConnection> WRITES_IN_TASKS =
            AtomicIntegerFieldUpdater.newUpdater(WebSocketConnection.class, "writesInTasks");

    private final Channel channel;
    private final JsonEncoder encoder;
    private final AddressSlot slot;
    private final WriteBuffers writeBuffers;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Queue<ServerMessage> unsent = new ConcurrentLinkedQueue<>();
    /** Bytes of messages handed to the channel and not yet written to the socket. */
    private volatile long unread;
    /** Writes handed to the event loop as tasks and not yet run (see {@link #send}). */
    private volatile int writesInTasks;
    /** Messages were held back because the write buffers of all connections are full. */
    private volatile boolean heldBack;

    /** {@code slot}: the connection's place in its address's count, or null when connections are not counted. */
    WebSocketConnection(Channel channel, JsonEncoder encoder, AddressSlot slot, WriteBuffers writeBuffers) {
        this.channel = channel;
        this.encoder = encoder;
        this.slot = slot;
        this.writeBuffers = writeBuffers;
    }

    @Override
    public boolean send(ServerMessage message) {
        if (closing.get() || !channel.isActive()) {
            return false;
        }
        if (!channel.isWritable()) {
            closing.set(true);
            WriteGuard.cutOff(channel);
            return false;
        }
        ByteBuf buffer = channel.alloc().buffer(encoder.estimatedSize(message));
        try {
            encoder.encode(message, new ByteBufOutputStream(buffer));
        } catch (RuntimeException e) {
            // Never lose the messages after it, nor break the sender's loop over a room: log it and go on.
            buffer.release();
            unencodable.occurred(message.getClass().getSimpleName() + " for " + ClientAddress.describe(channel) + ": " + e, e);
            return true;
        }
        long size = buffer.readableBytes();
        UNREAD.addAndGet(this, size);
        writeBuffers.added(size);
        TextWebSocketFrame frame = new TextWebSocketFrame(buffer);
        ChannelFutureListener afterWrite = written -> {
            UNREAD.addAndGet(this, -size);
            writeBuffers.written(size);
            if (!written.isSuccess()) {
                unsent.add(message); // the peer went away under it: a resumed session gets it again
            } else if (heldBack && isWritable()) {
                heldBack = false;
                channel.pipeline().fireUserEventTriggered(ROOM_AGAIN); // on the event loop: listeners run there
            }
        };
        EventLoop loop = channel.eventLoop();
        // Netty writes at once on the event loop, but from another thread through a task. A write on the event loop
        // while such tasks wait would overtake them, so it waits behind them too: messages leave in the order they
        // were sent (the session sends under its lock), whichever thread sent them.
        if (loop.inEventLoop() && WRITES_IN_TASKS.get(this) == 0) {
            channel.writeAndFlush(frame).addListener(afterWrite);
            return true;
        }
        WRITES_IN_TASKS.incrementAndGet(this);
        try {
            loop.execute(() -> {
                WRITES_IN_TASKS.decrementAndGet(this);
                channel.writeAndFlush(frame).addListener(afterWrite);
            });
        } catch (RejectedExecutionException shuttingDown) {
            WRITES_IN_TASKS.decrementAndGet(this);
            frame.release();
            UNREAD.addAndGet(this, -size);
            writeBuffers.written(size);
            unsent.add(message);
        }
        return true;
    }

    /**
     * True while this connection's write buffer is under {@code websocket.write-buffer-limit} and, when the
     * write buffers of all connections are full, it holds no more than its small share of them.
     */
    @Override
    public boolean isWritable() {
        if (closing.get() || !channel.isWritable()) {
            return false;
        }
        if (writeBuffers.hasRoomFor(unread)) {
            return true;
        }
        // Its next write that completes tells the session to go on. Published before looking again, so
        // a write that completed in between (and saw no flag) cannot leave the session waiting.
        heldBack = true;
        return writeBuffers.hasRoomFor(unread);
    }

    @Override
    public List<ServerMessage> unsent() {
        return List.copyOf(unsent);
    }

    @Override
    public void released() {
        if (slot != null) {
            slot.release();
        }
    }

    @Override
    public void close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        CloseWebSocketFrame frame = new CloseWebSocketFrame(reason.code(), reason.reason());
        closeWith(channel, frame);
    }

    /** Closes with a status of the WebSocket RFC (1003, 1009...). */
    void close(WebSocketCloseStatus status, String why) {
        close(new CloseWebSocketFrame(status, fitForACloseFrame(why)));
    }

    /**
     * Sends {@code frame}, the gateway's close or its answer to the client's, and closes the connection after it.
     * From then on nothing more is sent (RFC 6455 §5.5.1: no data frame after a close frame): no message, no pong.
     */
    void close(CloseWebSocketFrame frame) {
        if (closing.compareAndSet(false, true)) {
            closeWith(channel, frame);
        } else {
            frame.release();
        }
    }

    /** True once a close frame is on its way (or the client was cut off): nothing more goes out, nothing more is read. */
    boolean isClosing() {
        return closing.get();
    }

    /** A close frame's reason has room for 123 bytes of UTF-8 (RFC 6455 §5.5); ours are ASCII. */
    private static String fitForACloseFrame(String why) {
        return why.length() <= 123 ? why : why.substring(0, 120) + "...";
    }

    /**
     * Sends {@code frame} and closes the connection once it is written, or after
     * {@link #CLOSE_DEADLINE_MILLIS} if the client does not take it (its buffer is full).
     */
    static void closeWith(Channel channel, CloseWebSocketFrame frame) {
        channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
    }

    @Override
    public String remoteAddress() {
        return ClientAddress.text(channel); // the client's, not the proxy's in front
    }
}
