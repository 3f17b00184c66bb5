package org.webrtcgateway.xmpp.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.StanzaFactory;
import org.jivesoftware.smack.packet.id.StandardStanzaIdSource;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.xmpp.BoundedHandOver;
import org.webrtcgateway.xmpp.XmppConfig;
import org.webrtcgateway.xmpp.XmppConfig.ComponentConfig;
import org.webrtcgateway.xmpp.link.StanzaCounts;
import org.webrtcgateway.xmpp.link.InboundStanzas;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * Component mode (XEP-0114): the gateway owns a subdomain, and each gateway user is {@code name@domain/gateway}
 * while logged in to the gateway, through one connection and no passwords. Smack has no component API: the
 * stream is this package's own ({@link ComponentStream}), the stanzas and their parsing are Smack's, and each
 * user is an {@link XmppEndpoint} the shared chat, presence and call code speaks through as it does through an
 * account. A user name becomes a localpart by XEP-0106 escaping ({@code @} is {@code \40}), lower case.
 */
public final class XmppComponent {

    private static final Logger log = LoggerFactory.getLogger(XmppComponent.class);
    /** Both come with logins, which a client can repeat: one line a minute each. */
    private static final RepeatedCondition notLocalparts = RepeatedCondition.warn(log,
            "users not in XMPP: their name is no JID localpart");
    private static final RepeatedCondition replacements = RepeatedCondition.warn(log,
            "users replaced in XMPP by another whose name is the same JID");
    /** Stanzas waiting for the bridge's thread, at most, for all users together. */
    static final int MAX_WAITING_STANZAS = 1_024;

    private final ComponentConfig config;
    private final ScheduledExecutorService thread;
    private final Consumer<Address.Local> gone;
    private final StanzaFactory stanzas = new StanzaFactory(new StandardStanzaIdSource());
    private final ComponentStream stream;
    private final PendingRequests requests;
    private final ComponentPresence presence;
    private final ComponentRouter router;
    /** The logged-in users: changed at login and logout (event loops), read by the bridge's thread. */
    private final Map<Localpart, ComponentEndpoint> online = new ConcurrentHashMap<>();

    /**
     * @param gone told (on the bridge's thread) that a user's endpoint is going, while it can still send: its
     *             calls end, what was learned through it is forgotten
     */
    public XmppComponent(XmppConfig config, ScheduledExecutorService thread, InboundStanzas inbound, Consumer<Address.Local> gone) {
        this(config, thread, inbound, gone, StanzaCounts.NONE);
    }

    public XmppComponent(XmppConfig config, ScheduledExecutorService thread, InboundStanzas inbound, Consumer<Address.Local> gone,
                         StanzaCounts stanzaCounts) {
        this.config = config.component();
        this.thread = thread;
        this.gone = gone;
        ComponentDisco disco = new ComponentDisco(config.jingleMessage());
        stream = new ComponentStream(this.config, thread, new BoundedHandOver(thread, MAX_WAITING_STANZAS), stanzaCounts);
        requests = new PendingRequests(stream::send, thread, PendingRequests.TIMEOUT);
        presence = new ComponentPresence(this.config.domain(), stream, stanzas, disco, config.subscriptionPolicy());
        router = new ComponentRouter(this.config.domain(), online, stream, requests, presence, disco, inbound);
    }

    /** Connects, and connects again whenever the stream is lost. The bridge's thread. */
    /** Whether the component's stream is up now (handshake done, not failed since). Any thread. */
    public boolean isUp() {
        return stream.isUp();
    }

    public void start() {
        stream.start(router);
    }

    /** Every logged-in user goes unavailable, then the stream ends. The bridge's thread. */
    public void stop() {
        if (stream.isUp()) {
            online.values().forEach(presence::retire);
        }
        stream.stop();
    }

    /** What keeps the component from working, if anything: its stream is down (reconnecting). Any thread. */
    public java.util.Optional<String> problem() {
        return stream.isUp() ? java.util.Optional.empty()
                : java.util.Optional.of("component stream to " + config.host() + ":" + config.port() + " not connected");
    }

    /** The endpoint of a logged-in user, null for others. Any thread. */
    public XmppEndpoint endpoint(String user) {
        Localpart localpart = localpart(user);
        ComponentEndpoint endpoint = localpart == null ? null : online.get(localpart);
        return endpoint != null && endpoint.user().name().equals(user) ? endpoint : null;
    }

    /** A user logged in to the gateway: online in XMPP until it logs out. Any thread; never blocks. */
    public void userOnline(Address.Local user) {
        Localpart localpart = localpart(user.name());
        if (localpart == null) {
            notLocalparts.occurred(String.valueOf(user));
            return;
        }
        ComponentEndpoint endpoint = new ComponentEndpoint(user, localpart,
                JidCreate.entityFullFrom(localpart, config.domain(), Resourcepart.fromOrThrowUnchecked(ComponentEndpoint.RESOURCE)),
                stream, stanzas, requests, presence);
        ComponentEndpoint replaced = online.put(localpart, endpoint);
        onBridgeThread(() -> {
            if (replaced != null) {
                replacements.occurred(user + " replaces " + replaced.user() + ": both are " + localpart + "@" + config.domain());
                leave(replaced);
            }
            if (stream.isUp()) {
                presence.announce(endpoint);
            }
        });
    }

    /** A user's gateway session ended: unavailable in XMPP, its calls end. Any thread; never blocks. */
    public void userOffline(Address.Local user) {
        Localpart localpart = localpart(user.name());
        ComponentEndpoint endpoint = localpart == null ? null : online.get(localpart);
        if (endpoint != null && endpoint.user().equals(user) && online.remove(localpart, endpoint)) {
            onBridgeThread(() -> leave(endpoint));
        }
    }

    /** Sessions may end while the gateway stops, after this bridge did: {@link #stop} said goodbye for everyone. */
    private void onBridgeThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException stopped) {
            log.debug("XMPP bridge stopped: {}", task);
        }
    }

    private void leave(ComponentEndpoint endpoint) {
        gone.accept(endpoint.user());
        if (stream.isUp()) {
            presence.retire(endpoint);
        }
    }

    private static Localpart localpart(String user) {
        try {
            return Localpart.fromUnescaped(user);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return null;
        }
    }
}
