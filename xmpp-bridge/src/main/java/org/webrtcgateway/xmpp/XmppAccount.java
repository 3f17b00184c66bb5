package org.webrtcgateway.xmpp;

import java.util.concurrent.Executor;

import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.parsing.ExceptionLoggingCallback;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.xmpp.XmppConfig.SubscriptionPolicy;
import org.webrtcgateway.xmpp.XmppConfig.XmppAccountConfig;

/**
 * One gateway user's XMPP account: its client connection (STARTTLS required, the server's certificate
 * verified, SCRAM), the chat and presence of its contacts, and its own presence. What arrives from the
 * server is handed to the bridge's thread; what the bridge sends is written from that thread.
 */
final class XmppAccount {

    /** What the account hears from its contacts, called on the bridge's thread. */
    interface Listener {
        void chat(XmppAccountConfig account, BareJid from, String body);

        void presence(XmppAccountConfig account, BareJid from, PresenceStatus status, String note);
    }

    private static final Logger log = LoggerFactory.getLogger(XmppAccount.class);
    /** XEP-0335, JSON Containers. */
    static final String JSON_CONTAINER = "json";
    static final String JSON_NAMESPACE = "urn:xmpp:json:0";
    /** Stanzas of one account waiting for the bridge's thread, at most. */
    static final int MAX_WAITING_STANZAS = 256;

    private final XmppAccountConfig account;
    private final XMPPTCPConnection connection;
    private final SubscriptionPolicy policy;
    private final BoundedHandOver handOver;
    /** The presence the user last set, published again after a new login (a server restart forgets it). */
    private volatile PresenceStatus status = PresenceStatus.AVAILABLE;
    private volatile String note;
    /** Whether the account should be logged in now (false once its user logged out, with login-at 'login'). */
    private volatile boolean wanted;

    XmppAccount(XmppAccountConfig account, XmppConfig config, X509TrustManager trust, Executor bridgeThread, Listener listener) {
        this.account = account;
        this.policy = config.subscriptionPolicy();
        XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                .setXmppAddressAndPassword(account.jid(), account.password())
                .setSecurityMode(SecurityMode.required)
                .setSendPresence(true);
        if (trust != null) {
            builder.setCustomX509TrustManager(trust);
        }
        if (config.server() != null) {
            int colon = config.server().lastIndexOf(':');
            builder.setHost(config.server().substring(0, colon)).setPort(Integer.parseInt(config.server().substring(colon + 1)));
        }
        connection = new XMPPTCPConnection(builder.build());
        // A stanza the server relays that does not parse (a peer's malformed Jingle, say) is logged and
        // dropped; Smack's default would close the whole connection over it.
        connection.setParsingExceptionCallback(new ExceptionLoggingCallback());
        // Sync listeners: Smack bounds how many it runs at once, and the hand-over bounds what waits for the
        // bridge's thread, so a flood from the server backs up into TCP instead of into the heap.
        handOver = new BoundedHandOver(bridgeThread, MAX_WAITING_STANZAS);
        connection.addSyncStanzaListener(stanza -> {
            Message message = (Message) stanza;
            if (message.getBody() != null && message.getFrom() != null
                    && (message.getType() == Message.Type.chat || message.getType() == Message.Type.normal)) {
                BareJid from = message.getFrom().asBareJid();
                String body = message.getBody();
                handOver.execute(() -> listener.chat(account, from, body));
            }
        }, StanzaTypeFilter.MESSAGE);
        connection.addSyncStanzaListener(stanza -> {
            Presence presence = (Presence) stanza;
            if (presence.getFrom() != null && (presence.getType() == Presence.Type.available
                    || presence.getType() == Presence.Type.unavailable)) {
                BareJid from = presence.getFrom().asBareJid();
                PresenceStatus status = XmppPresence.toGateway(presence);
                String note = presence.getStatus();
                handOver.execute(() -> listener.presence(account, from, status, note));
            }
        }, StanzaTypeFilter.PRESENCE);
        Roster roster = Roster.getInstanceFor(connection);
        roster.addSubscribeListener((from, request) -> answer(roster, from.asBareJid()));
        // A dropped connection (the server restarted, the network went) is logged in again, after a
        // delay that grows with the attempts (about 10 s, then a minute, then five) and is spread at random,
        // so that a server coming back is not met by every account at once.
        ReconnectionManager reconnection = ReconnectionManager.getInstanceFor(connection);
        reconnection.setReconnectionPolicy(ReconnectionManager.ReconnectionPolicy.RANDOM_INCREASING_DELAY);
        reconnection.enableAutomaticReconnection();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void authenticated(XMPPConnection again, boolean resumed) {
                if (!resumed && status != PresenceStatus.AVAILABLE) {
                    handOver.execute(() -> republish());
                }
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                log.info("{}: connection lost ({}); logging in again", account, e.toString());
            }
        });
    }

    private void republish() {
        try {
            publish(status, note);
        } catch (SmackException.NotConnectedException e) {
            log.debug("{}: presence not published again, disconnected meanwhile", account);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs in; blocks for the connection's round trips (call it on the bridge's thread, never an event loop). */
    void connect() throws SmackException, java.io.IOException, XMPPException, InterruptedException {
        wanted = true;
        connection.connect().login();
        log.info("{} logged in", account);
    }

    /** Logs out for good (until {@link #connect} again): no reconnection, no more login attempts. */
    void disconnect() {
        wanted = false;
        status = PresenceStatus.AVAILABLE;
        note = null;
        connection.disconnect();
    }

    /** After a failed attempt, without giving up: the next attempt is still wanted. */
    void closeAfterFailure() {
        connection.disconnect();
    }

    boolean isWanted() {
        return wanted;
    }

    boolean isConnected() {
        return connection.isAuthenticated();
    }

    /**
     * Sends a chat message; {@code json}, when not null, goes along in a XEP-0335 JSON container (the body
     * is then its readable text), so a client that understands JSON gets the structure.
     */
    void chat(EntityBareJid to, String body, String json) throws SmackException.NotConnectedException, InterruptedException {
        MessageBuilder message = connection.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body);
        if (json != null) {
            message.addExtension(StandardExtensionElement.builder(JSON_CONTAINER, JSON_NAMESPACE).setText(json).build());
        }
        connection.sendStanza(message.build());
    }

    /** Asks to follow {@code contact}'s presence (the server keeps the request in the roster). */
    void follow(BareJid contact) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
                .to(contact).ofType(Presence.Type.subscribe).build());
    }

    void unfollow(BareJid contact) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
                .to(contact).ofType(Presence.Type.unsubscribe).build());
    }

    /** Publishes the user's own presence to the contacts that follow it. */
    void publish(PresenceStatus status, String note) throws SmackException.NotConnectedException, InterruptedException {
        this.status = status;
        this.note = note;
        connection.sendStanza(XmppPresence.fromGateway(connection.getStanzaFactory().buildPresenceStanza(), status, note));
    }

    /** A contact the user follows (or asked to) may follow back; others as the policy says. */
    private SubscribeAnswer answer(Roster roster, BareJid from) {
        RosterEntry entry = roster.getEntry(from);
        boolean followed = entry != null && (entry.canSeeHisPresence() || entry.isSubscriptionPending());
        SubscribeAnswer answer = followed || policy == SubscriptionPolicy.ACCEPT ? SubscribeAnswer.Approve : SubscribeAnswer.Deny;
        log.debug("{}: {} asks to follow; {}", account, from, answer);
        return answer;
    }

    @Override
    public String toString() {
        return account.toString();
    }
}
