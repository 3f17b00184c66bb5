package org.webrtcgateway.xmpp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaFactory;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.xmpp.link.StanzaCounts;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.xmpp.XmppConfig.SubscriptionPolicy;
import org.webrtcgateway.xmpp.XmppConfig.XmppAccountConfig;
import org.webrtcgateway.xmpp.caps.GatewayFeatures;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.link.InboundStanzas;
import org.webrtcgateway.xmpp.link.NoDelaySockets;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * One gateway user's XMPP account: its client connection (STARTTLS required, the server's certificate
 * verified, SCRAM), the chat and presence of its contacts, and its own presence. What arrives from the
 * server is handed to the bridge's thread; what the bridge sends is written from that thread.
 */
final class XmppAccount implements XmppEndpoint {

    private static final Logger log = LoggerFactory.getLogger(XmppAccount.class);
    /** Stanzas of one account waiting for the bridge's thread, at most. */
    static final int MAX_WAITING_STANZAS = 256;

    private final XmppAccountConfig account;
    private final Address.Local user;
    private final XMPPTCPConnection connection;
    private final SubscriptionPolicy policy;
    private final BoundedHandOver handOver;
    /** The presence the user last set, published again after a new login (a server restart forgets it). */
    private volatile PresenceStatus status = PresenceStatus.AVAILABLE;
    private volatile String note;
    /** Whether the account should be logged in now (false once its user logged out, with login-at 'login'). */
    private volatile boolean wanted;
    /** A server that is down or refuses the login: retried with a back-off, written once a minute. */
    private final RepeatedCondition loginFailures;

    XmppAccount(XmppAccountConfig account, XmppConfig config, X509TrustManager trust, Executor bridgeThread, InboundStanzas inbound,
                StanzaCounts counts) {
        this.account = account;
        this.loginFailures = RepeatedCondition.warn(log, account + " could not log in");
        this.user = new Address.Local(account.user());
        this.policy = config.subscriptionPolicy();
        XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                .setXmppAddressAndPassword(account.jid(), account.password())
                .setSecurityMode(SecurityMode.required)
                .setSocketFactory(NoDelaySockets.INSTANCE)
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
        // Counted on Smack's reader and writer threads: an increment, no work of the bridge's.
        connection.addStanzaListener(stanza -> counts.in().increment(), stanza -> true);
        connection.addStanzaSendingListener(stanza -> counts.out().increment(), stanza -> true);
        connection.setParsingExceptionCallback(new UnparsableStanzas(account.toString()));
        // Sync listeners: Smack runs them one at a time in the order the stanzas came, and the hand-over bounds
        // what waits for the bridge's thread, so a flood from the server backs up into TCP instead of into the heap.
        handOver = new BoundedHandOver(bridgeThread, MAX_WAITING_STANZAS);
        connection.addSyncStanzaListener(stanza -> handOver.execute(() -> inbound.message(this, (Message) stanza)),
                StanzaTypeFilter.MESSAGE);
        connection.addSyncStanzaListener(stanza -> handOver.execute(() -> inbound.presence(this, (Presence) stanza)),
                new AndFilter(StanzaTypeFilter.PRESENCE, new OrFilter(PresenceTypeFilter.AVAILABLE, PresenceTypeFilter.UNAVAILABLE)));
        // Jingle requests go to the shared code, which sends the result itself. Smack runs a sync-mode handler on the
        // same ordered executor as the sync listeners, so a transport-info never overtakes its session-initiate, nor
        // a session-initiate the XEP-0353 proceed before it.
        connection.registerIQRequestHandler(new AbstractIqRequestHandler(JingleIq.ELEMENT, JingleIq.NAMESPACE, IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                handOver.execute(() -> inbound.iqRequest(XmppAccount.this, request));
                return null;
            }
        });
        // XEP-0030 and XEP-0115: what the gateway's side does, answered by Smack and hashed into each presence.
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        disco.setIdentity(GatewayFeatures.IDENTITY);
        GatewayFeatures.announced(config.jingleMessage()).forEach(disco::addFeature);
        EntityCapsManager.getInstanceFor(connection).enableEntityCaps();
        // XEP-0280: a chat a contact has with the account's other devices reaches the browser too (Smack enables
        // carbons at each login where the server has them, and takes copies only from the account's own bare JID).
        CarbonManager.setEnabledByDefault(true);
        CarbonManager.getInstanceFor(connection).addCarbonCopyReceivedListener((direction, copy, wrapping) -> {
            if (direction == CarbonExtension.Direction.received && copy.getBody() != null && JingleMessage.from(copy) == null) {
                handOver.execute(() -> inbound.message(this, copy));
            }
        });
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
        connection.connect().login();
        log.info("{} logged in", account);
        loginFailures.clear();
    }

    /** A login failed and is tried again in {@code retry}: one line a minute for the operator, whatever the back-off. */
    void loginFailed(Exception cause, java.time.Duration retry) {
        loginFailures.occurred(cause + "; trying again in " + retry.toSeconds() + " s");
    }

    /** The account should be logged in (from now until {@link #disconnect}): a login on its way goes ahead. */
    void want() {
        wanted = true;
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

    /** Its configuration (for the admin API and /readyz: never the password). */
    XmppAccountConfig config() {
        return account;
    }

    boolean isWanted() {
        return wanted;
    }

    boolean isConnected() {
        return connection.isAuthenticated();
    }

    /** Asks to follow {@code contact}'s presence (the server keeps the request in the roster). */
    @Override
    public void follow(BareJid contact) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
                .to(contact).ofType(Presence.Type.subscribe).build());
    }

    @Override
    public void unfollow(BareJid contact) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
                .to(contact).ofType(Presence.Type.unsubscribe).build());
    }

    /** Publishes the user's own presence to the contacts that follow it. */
    @Override
    public void publish(PresenceStatus status, String note) throws SmackException.NotConnectedException, InterruptedException {
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

    // ------------------------------------------------------------------ XmppEndpoint

    @Override
    public Address.Local user() {
        return user;
    }

    @Override
    public EntityFullJid jid() {
        return connection.isAuthenticated() ? connection.getUser() : null;
    }

    @Override
    public StanzaFactory stanzaFactory() {
        return connection.getStanzaFactory();
    }

    @Override
    public void send(Stanza stanza) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(stanza);
    }

    @Override
    public CompletionStage<IQ> request(IQ request) {
        CompletableFuture<IQ> reply = new CompletableFuture<>();
        connection.sendIqRequestAsync(request)
                .onSuccess(result -> handOver.execute(() -> reply.complete(result)))
                .onError(failure -> handOver.execute(() -> reply.completeExceptionally(failure)));
        return reply;
    }

    @Override
    public String toString() {
        return account.toString();
    }
}
