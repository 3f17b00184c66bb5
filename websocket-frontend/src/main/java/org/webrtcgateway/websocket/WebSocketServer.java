package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;


import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.ListenFailure;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.websocket.tls.CertificateWatch;
import org.webrtcgateway.websocket.tls.ServerTls;

/** The Netty HTTP/WebSocket server. Uses epoll where the platform has it. */
@Singleton
public final class WebSocketServer implements Frontend {

    private static final Logger log = LoggerFactory.getLogger(WebSocketServer.class);

    private final WebSocketConfig config;
    private final Gateway gateway;
    private final JsonDecoder decoder;
    private final JsonEncoder encoder;
    private final WriteBuffers writeBuffers;
    private final ServerTls tls;
    private final CertificateWatch certificateWatch;
    private final FrontendMeters meters;
    /** The scrape for /metrics on this port; null when it is served elsewhere or not at all. */
    private final Supplier<String> metricsText;
    private final ProxyConfig proxyConfig;
    private final ChannelGroup channels = new DefaultChannelGroup("websocket-clients", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private InetSocketAddress address;

    @Inject
    public WebSocketServer(WebSocketConfig config, Gateway gateway, JsonDecoder decoder, JsonEncoder encoder,
                           WriteBuffers writeBuffers, ServerTls tls, CertificateWatch certificateWatch, FrontendMeters meters,
                           MetricsConfig metricsConfig, MetricsExposition exposition, ProxyConfig proxyConfig) {
        this.proxyConfig = proxyConfig;
        this.meters = meters;
        this.metricsText = metricsConfig.onMainPort() ? exposition::scrape : null;
        this.config = config;
        this.tls = tls;
        this.certificateWatch = certificateWatch;
        this.gateway = gateway;
        this.decoder = decoder;
        this.encoder = encoder;
        this.writeBuffers = writeBuffers;
    }

    @Override
    public synchronized void start() throws Exception {
        boolean epoll = Epoll.isAvailable();
        // One group accepts and serves: accepting is cheap, and a thread of its own would only add a
        // context switch to every new connection (on a one-core deployment, to every login).
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("websocket-io"), io);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferLimit() / 2, config.writeBufferLimit()))
                .childHandler(new GatewayChannelInitializer(config, tls::current, gateway, decoder, encoder, channels, writeBuffers,
                        meters, metricsText, TrustedProxies.of(proxyConfig)));
        try {
            serverChannel = bootstrap.bind(config.bind(), config.port()).sync().channel();
        } catch (Exception e) { // sync() rethrows the bind's own exception, checked ones included
            // Nothing listens, so nothing may run: a gateway that failed to start must let its JVM end.
            workerGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup = null;
            throw ListenFailure.explain(WebSocketConfig.BIND.key(), WebSocketConfig.PORT.key(), null, config.bind(),
                    config.port(), e).map(Exception.class::cast).orElse(e);
        }
        address = (InetSocketAddress) serverChannel.localAddress();
        log.info("listening on {}", url());
        if (config.tls()) {
            tls.logServed("serving");
            certificateWatch.start();
        }
    }

    /** The URL of the client page, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return (config.tls() ? "https" : "http") + "://" + hostInUrl(address.getAddress()) + ":" + address.getPort() + "/";
    }

    /** The WebSocket endpoint, e.g. {@code ws://127.0.0.1:8080/ws}; {@code wss://} with TLS. */
    @Override
    public synchronized Optional<URI> clientUri() {
        if (address == null) {
            return Optional.empty();
        }
        // A wildcard bind (0.0.0.0, ::) takes connections on loopback too, and is no address to connect to.
        InetAddress host = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address.getAddress();
        return Optional.of(URI.create((config.tls() ? "wss" : "ws") + "://" + hostInUrl(host) + ":" + address.getPort() + config.path()));
    }

    private static String hostInUrl(InetAddress host) {
        String text = host.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public synchronized void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
    }

    @Override
    public synchronized void stop(Duration within) {
        long end = System.nanoTime() + within.toNanos();
        stopAccepting();
        certificateWatch.stop();
        // Connections that never logged in have no session to end: tell them too.
        channels.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "the gateway is shutting down"),
                channel -> channel.hasAttr(SignalingHandler.UPGRADED))
                .awaitUninterruptibly(leftMs(end, 1000), TimeUnit.MILLISECONDS);
        channels.close().awaitUninterruptibly(leftMs(end, 2000), TimeUnit.MILLISECONDS);
        if (workerGroup != null) {
            // Its threads end by themselves within the timeout given, even when nobody waits for them.
            long last = leftMs(end, 2000);
            workerGroup.shutdownGracefully(0, last, TimeUnit.MILLISECONDS).awaitUninterruptibly(last, TimeUnit.MILLISECONDS);
            workerGroup = null;
        }
    }

    /** Milliseconds until {@code endNanos}, at most {@code capMs}, never negative. */
    private static long leftMs(long endNanos, long capMs) {
        return Math.max(0, Math.min(capMs, (endNanos - System.nanoTime()) / 1_000_000));
    }
}
