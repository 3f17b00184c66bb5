package org.webrtcgateway.xmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.testing.contract.CandidateLines;
import org.webrtcgateway.testing.contract.FarCall;
import org.webrtcgateway.testing.contract.FarSide;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.jingle.jmi.element.StoreHint;
import org.webrtcgateway.xmpp.sdp.JingleToSdp;
import org.webrtcgateway.xmpp.sdp.SdpRole;
import org.webrtcgateway.xmpp.sdp.SdpToJingle;
import org.webrtcgateway.xmpp.sdp.SessionDescription;
import org.webrtcgateway.xmpp.sdp.TrickleCandidates;

/**
 * An XMPP user the bridge contract calls and is called by: a Smack client of its own (not the bridge's code) logged
 * in to the test's Prosody, which answers Jingle by hand the way an XMPP softphone does: XEP-0353 (proceed to a
 * propose, propose to call), then session-initiate, session-accept, transport-info, session-info ringing,
 * session-terminate with a reason. It approves every subscription request, so a browser can follow it. Only the
 * SDP translation is the bridge's (its own tests hold it to Chromium's SDPs); the Jingle flow here is independent.
 * Connected before each test, gone after it.
 */
public final class XmppFarSide implements FarSide, BeforeEachCallback, AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RTP_INFO = "urn:xmpp:jingle:apps:rtp:info:1";

    private final ProsodyExtension prosody;
    private final String user;
    /** Where the gateway's users are: the server's own domain (account mode), or the component's. */
    private final String gatewayDomain;
    private XMPPTCPConnection connection;
    private final BlockingQueue<JingleIq> jingles = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> jingleMessages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    public XmppFarSide(ProsodyExtension prosody, String user) {
        this(prosody, user, ProsodyExtension.DOMAIN);
    }

    /** A far side that reaches gateway users as {@code <name>@gatewayDomain}: the component's domain, in component mode. */
    public XmppFarSide(ProsodyExtension prosody, String user, String gatewayDomain) {
        this.prosody = prosody;
        this.user = user;
        this.gatewayDomain = gatewayDomain;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        JingleExtensions.registerAll();
        connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppAddressAndPassword(user + "@" + ProsodyExtension.DOMAIN, ProsodyExtension.USERS.get(user))
                .setHost("127.0.0.1").setPort(prosody.c2sPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust())
                .build());
        Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        connection.addSyncStanzaListener(stanza -> {
            Message message = (Message) stanza;
            if (JingleMessage.from(message) != null) {
                jingleMessages.add(message);
            } else if (message.getBody() != null) {
                messages.add(message.getBody());
            }
        }, StanzaTypeFilter.MESSAGE);
        connection.registerIQRequestHandler(new AbstractIqRequestHandler(JingleIq.ELEMENT, JingleIq.NAMESPACE, IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                jingles.add((JingleIq) request);
                return IQ.createResultIQ(request);
            }
        });
        connection.connect().login();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        connection.disconnect();
    }

    public String jid() {
        return user + "@" + ProsodyExtension.DOMAIN;
    }

    @Override
    public String address() {
        return "xmpp:" + jid();
    }

    /** A call of the gateway's: rung by XEP-0353 (this side proceeds) or by a direct session-initiate. */
    @Override
    public FarCall nextCall() {
        JingleIq initiate;
        Message propose = poll(jingleMessages, m -> JingleMessage.from(m).getAction() == JingleMessage.Action.propose, false);
        if (propose != null) {
            String sid = JingleMessage.from(propose).getId();
            send(jingleMessage(propose.getFrom(), JingleMessage.of(JingleMessage.Action.proceed, sid)));
            initiate = poll(jingles, iq -> iq.getAction() == JingleAction.session_initiate && iq.getSessionId().equals(sid), true);
        } else {
            initiate = poll(jingles, iq -> iq.getAction() == JingleAction.session_initiate, true);
        }
        return new Call(initiate.getFrom().asFullJidIfPossible(), initiate.getSessionId(), false, initiate.getChildren());
    }

    /** Whether the gateway rang the last call with a direct session-initiate, not XEP-0353 (set by {@link #nextCall}). */
    public Message nextProposal() {
        return poll(jingleMessages, m -> JingleMessage.from(m).getAction() == JingleMessage.Action.propose, true);
    }

    /** Calls the gateway user's XMPP account the way Conversations does: XEP-0353, then session-initiate. */
    @Override
    public FarCall call(String gatewayUser, String offerSdp) {
        String sid = "far-" + System.nanoTime();
        EntityBareJid callee = bare(gatewayUser + "@" + gatewayDomain);
        send(jingleMessage(callee, JingleMessage.propose(sid, List.of("audio"))));
        Message proceed = poll(jingleMessages, m -> JingleMessage.from(m).getAction() == JingleMessage.Action.proceed
                && JingleMessage.from(m).getId().equals(sid), true);
        FullJid peer = proceed.getFrom().asFullJidIfPossible();
        Call call = new Call(peer, sid, true, List.of());
        call.request(JingleAction.session_initiate,
                SdpToJingle.translate(SessionDescription.parse(offerSdp), SdpRole.INITIATOR).children());
        return call;
    }

    /** Sends an XEP-0353 propose of session {@code sid} to the gateway user's account, and nothing after it. */
    public void propose(String gatewayUser, String sid) {
        send(jingleMessage(bare(gatewayUser + "@" + gatewayDomain), JingleMessage.propose(sid, List.of("audio"))));
    }

    /** The next XEP-0353 message of {@code action} that came to this side. */
    public JingleMessage nextJingleMessage(JingleMessage.Action action) {
        return JingleMessage.from(poll(jingleMessages, m -> JingleMessage.from(m).getAction() == action, true));
    }

    @Override
    public void message(String gatewayUser, String text) {
        send(connection.getStanzaFactory().buildMessageStanza().to(bare(gatewayUser + "@" + gatewayDomain))
                .ofType(Message.Type.chat).setBody(text).build());
    }

    @Override
    public String nextMessage() {
        return poll(messages, m -> true, true);
    }

    @Override
    public boolean hasPresence() {
        return true;
    }

    @Override
    public void setPresence(String status) {
        Presence.Mode mode = switch (status) {
            case "away" -> Presence.Mode.away;
            case "busy" -> Presence.Mode.dnd;
            default -> Presence.Mode.available;
        };
        send(connection.getStanzaFactory().buildPresenceStanza().setMode(mode).build());
    }

    /** One Jingle session of this side. */
    public final class Call implements FarCall {
        private final FullJid peer;
        private final String sid;
        private final boolean initiator;
        private final List<? extends FullyQualifiedElement> offered;

        Call(FullJid peer, String sid, boolean initiator, List<? extends FullyQualifiedElement> offered) {
            this.peer = peer;
            this.sid = sid;
            this.initiator = initiator;
            this.offered = offered;
        }

        /** The Jingle session id. */
        public String sid() {
            return sid;
        }

        @Override
        public String offer() {
            return JingleToSdp.translate(offered, SdpRole.INITIATOR, "1").toSdp();
        }

        @Override
        public void ringing() {
            request(JingleAction.session_info, List.of(StandardExtensionElement.builder("ringing", RTP_INFO).build()));
        }

        @Override
        public void answer(String sdp) {
            request(JingleAction.session_accept, SdpToJingle.translate(SessionDescription.parse(sdp), SdpRole.RESPONDER).children());
        }

        @Override
        public void reject(String reason) {
            request(JingleAction.session_terminate, List.of("busy".equals(reason) ? JingleReason.Busy : JingleReason.Decline));
        }

        @Override
        public void hangUp() {
            request(JingleAction.session_terminate, List.of(JingleReason.Success));
        }

        @Override
        public void candidate(String candidateLine) {
            String mid = offered.stream().filter(JingleContent.class::isInstance).map(c -> ((JingleContent) c).getName())
                    .findFirst().orElse("0");
            request(JingleAction.transport_info, List.of(TrickleCandidates.toTransportInfoContent(mid, null, candidateLine)));
        }

        @Override
        public void awaitCandidate(String candidateLine) {
            poll(jingles, iq -> iq.getSessionId().equals(sid) && iq.getAction() == JingleAction.transport_info
                    && iq.getContents().stream().flatMap(c -> TrickleCandidates.fromTransportInfoContent(c).stream())
                            .anyMatch(t -> CandidateLines.same(t.candidate(), candidateLine)), true);
        }

        @Override
        public String awaitAnswer() {
            JingleIq accept = poll(jingles, iq -> iq.getSessionId().equals(sid) && iq.getAction() == JingleAction.session_accept, true);
            return JingleToSdp.translate(accept.getChildren(), SdpRole.RESPONDER, "1").toSdp();
        }

        @Override
        public void awaitEnded() {
            poll(jingles, iq -> iq.getSessionId().equals(sid) && iq.getAction() == JingleAction.session_terminate, true);
        }

        /** The gateway's next Jingle request of this session with {@code action}. */
        public JingleIq awaitJingle(JingleAction action) {
            return poll(jingles, iq -> iq.getSessionId().equals(sid) && iq.getAction() == action, true);
        }

        /** Sends a Jingle request of this session and waits for its result. */
        public void send(JingleAction action, List<? extends FullyQualifiedElement> children) {
            request(action, children);
        }

        /** The reason of the gateway's session-terminate. */
        public JingleReason awaitTerminateReason() {
            return poll(jingles, iq -> iq.getSessionId().equals(sid) && iq.getAction() == JingleAction.session_terminate, true)
                    .getReason();
        }

        void request(JingleAction action, List<? extends FullyQualifiedElement> children) {
            JingleIq iq = new JingleIq(connection.getStanzaFactory().buildIqData().to(peer).ofType(IQ.Type.set), action, sid,
                    initiator ? connection.getUser() : null, null, children);
            try {
                connection.sendIqRequestAndWaitForResponse(iq);
            } catch (Exception e) {
                throw new AssertionError(action + " to " + peer + " failed: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private Message jingleMessage(Jid to, JingleMessage element) {
        return connection.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).addExtension(element)
                .addExtension(StoreHint.INSTANCE).build();
    }

    private void send(Stanza stanza) {
        try {
            connection.sendStanza(stanza);
        } catch (Exception e) {
            throw new AssertionError("not sent: " + e, e);
        }
    }

    /**
     * The first queued item that matches, waiting up to {@link #WAIT}; items passed over stay queued in order. Null
     * when none came and {@code required} is false.
     */
    private static <T> T poll(BlockingQueue<T> queue, Predicate<T> matches, boolean required) {
        long deadline = System.nanoTime() + (required ? WAIT : Duration.ofSeconds(2)).toNanos();
        List<T> passed = new ArrayList<>();
        try {
            while (true) {
                T next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    if (required) {
                        throw new AssertionError("nothing matching came within " + WAIT + "; passed over " + passed);
                    }
                    return null;
                }
                if (matches.test(next)) {
                    return next;
                }
                passed.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            List<T> rest = new ArrayList<>(passed);
            queue.drainTo(rest);
            queue.addAll(rest);
        }
    }

    private static EntityBareJid bare(String jid) {
        try {
            return JidCreate.entityBareFrom(jid);
        } catch (IOException e) {
            throw new IllegalArgumentException(jid, e);
        }
    }

    private X509TrustManager trust() throws Exception {
        try (InputStream in = Files.newInputStream(prosody.certificate())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("prosody", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        }
    }
}
