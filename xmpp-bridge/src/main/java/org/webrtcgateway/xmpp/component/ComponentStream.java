package org.webrtcgateway.xmpp.component;

import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StreamOpen;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.xmpp.link.StanzaCounts;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.xmpp.link.NoDelaySockets;
import org.webrtcgateway.xmpp.XmppConfig.ComponentConfig;

/**
 * The component's one connection to the XMPP server (XEP-0114): TCP to its component port, a
 * {@code jabber:component:accept} stream, the handshake, then stanzas both ways. Each attempt has a reader
 * thread of its own: it connects, shakes hands, and hands what it reads to the bridge's thread through
 * {@code handOver} (bounded: when the bridge's thread falls behind, the reader waits and TCP slows the server
 * down). Writes come from the bridge's thread, one stanza at a time. A stream that fails or closes is
 * connected again after 2 s, doubling up to 5 min, reset by each successful handshake.
 */
final class ComponentStream {

    /** What the stream tells its owner, on the bridge's thread. */
    interface Listener {
        void up();

        void received(Stanza stanza);

        void down();
    }

    private static final Logger log = LoggerFactory.getLogger(ComponentStream.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** A server that accepts the connection but never answers must not hold an attempt for ever. */
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /**
     * Written as Smack's own connections write: as if the stream's namespace were jabber:client, so no stanza
     * carries an xmlns of its own and each is in the stream's, jabber:component:accept, as XEP-0114 wants.
     */
    private static final XmlEnvironment OUTGOING = XmlEnvironment.builder().withNamespace(StreamOpen.CLIENT_NAMESPACE).build();

    private final ComponentConfig config;
    /** A server that is down: attempts with a back-off, written once a minute. */
    private final RepeatedCondition cannotConnect;
    private final ScheduledExecutorService thread;
    private final Executor handOver;
    private Listener listener;
    /** The stream stanzas are written to; null while down. The bridge's thread only. */
    /** Volatile: {@code /readyz} asks whether the stream is up from a frontend's thread. */
    private volatile Link link;
    private Duration retry = FIRST_RETRY;
    private volatile boolean stopped;
    /** The attempt's socket, for {@link #stop} to close while it connects or reads. */
    private volatile Socket socket;

    private final StanzaCounts counts;

    ComponentStream(ComponentConfig config, ScheduledExecutorService thread, Executor handOver) {
        this(config, thread, handOver, StanzaCounts.NONE);
    }

    ComponentStream(ComponentConfig config, ScheduledExecutorService thread, Executor handOver, StanzaCounts counts) {
        this.counts = counts;
        this.config = config;
        this.cannotConnect = RepeatedCondition.warn(log, config + ": cannot connect");
        this.thread = thread;
        this.handOver = handOver;
    }

    /** Starts the first attempt; {@code listener} hears of the stream from now on. The bridge's thread. */
    void start(Listener listener) {
        this.listener = listener;
        attempt();
    }

    /** Whether stanzas can be sent now (the handshake succeeded and the stream has not failed since). */
    /** Whether the stream is up (handshake done, not lost). Any thread. */
    boolean isUp() {
        return link != null;
    }

    /** Writes one stanza. The bridge's thread. */
    void send(Stanza stanza) throws NotConnectedException {
        Link current = link;
        if (current == null) {
            throw new NotConnectedException(config + " is not connected");
        }
        try {
            current.write(stanza.toXML(OUTGOING));
            counts.out().increment();
        } catch (IOException e) {
            // The reader finds the socket closed and reports the stream down, which reconnects it.
            current.close();
            throw new NotConnectedException(config + ": writing failed (" + e + ")");
        }
    }

    /** Writes one stanza of the component's own (an answer, a presence) if it can; one that cannot is dropped, logged. */
    void sendOrDrop(Stanza stanza) {
        try {
            send(stanza);
        } catch (NotConnectedException e) {
            log.debug("{}: not sent, the stream is down: {}", config, stanza);
        }
    }

    /** Ends the stream for good, politely. The bridge's thread, last. */
    void stop() {
        stopped = true;
        if (link != null) {
            try {
                link.write("</stream:stream>");
            } catch (IOException e) {
                log.debug("{}: the stream's end not written ({})", config, e.toString());
            }
            link = null;
        }
        Socket current = socket;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        Thread reader = new Thread(this::connectAndRead, "xmpp-component-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** One attempt, on its reader thread: connect, shake hands, read until the stream ends, then report that. */
    private void connectAndRead() {
        String failure;
        try (Socket attempt = new Socket()) {
            socket = attempt;
            attempt.connect(new InetSocketAddress(config.host(), config.port()), CONNECT_TIMEOUT_MS);
            NoDelaySockets.configure(attempt);
            attempt.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            Link opened = new Link(attempt);
            opened.write(ComponentHandshake.streamHeader(config.domain()));
            ComponentStreamReader in = new ComponentStreamReader(new InputStreamReader(attempt.getInputStream(), StandardCharsets.UTF_8));
            String id = in.readHeader();
            opened.write(ComponentHandshake.handshake(id, config.secret()));
            in.awaitHandshake();
            attempt.setSoTimeout(0);
            handOver.execute(() -> up(opened));
            in.readStanzas(stanza -> {
                counts.in().increment();
                handOver.execute(() -> listener.received(stanza));
            });
            failure = "the server ended the stream";
        } catch (StreamErrorException e) {
            failure = "the server ended the stream with " + e.getStreamError().getCondition()
                    + (e.getStreamError().getDescriptiveText() != null ? " (" + e.getStreamError().getDescriptiveText() + ")" : "")
                    + hint(e);
        } catch (EOFException | XmlPullParserException e) {
            // The parser's message quotes the stream, and a stanza may be someone's chat: only at debug level.
            log.debug("{}: the stream's reader stopped", config, e);
            failure = e instanceof EOFException ? "the connection ended without </stream:stream>" : "XML that is not well-formed";
        } catch (Exception e) {
            failure = e.toString();
        } finally {
            socket = null;
        }
        String cause = failure;
        handOver.execute(() -> down(cause));
    }

    private static String hint(StreamErrorException e) {
        return switch (e.getStreamError().getCondition()) {
            case not_authorized -> "; check xmpp.component.secret against the server's component_secret";
            case host_unknown -> "; check xmpp.component.domain against the server's Component entry";
            case conflict -> "; another component (another gateway?) holds the domain";
            default -> "";
        };
    }

    private void up(Link opened) {
        if (stopped) {
            opened.close();
            return;
        }
        link = opened;
        retry = FIRST_RETRY;
        log.info("{}: connected", config);
        cannotConnect.clear();
        listener.up();
    }

    private void down(String cause) {
        boolean wasUp = link != null;
        link = null;
        if (stopped) {
            return;
        }
        if (wasUp) {
            log.warn("{}: stream lost: {}; connecting again in {} s", config, cause, retry.toSeconds());
        } else {
            cannotConnect.occurred(cause + "; connecting again in " + retry.toSeconds() + " s");
        }
        if (wasUp) {
            listener.down();
        }
        try {
            thread.schedule(this::attempt, retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return;
        }
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) < 0 ? retry.multipliedBy(2) : LAST_RETRY;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    /** One connection's writing end. */
    private static final class Link {
        private final Socket socket;
        private final Writer out;

        Link(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        }

        void write(CharSequence xml) throws IOException {
            out.append(xml);
            out.flush();
        }

        void close() {
            closeQuietly(socket);
        }
    }
}
