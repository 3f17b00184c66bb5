package org.webrtcgateway.xmpp.component;

import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.link.InboundStanzas;

/**
 * Where each stanza from the component's stream goes, on the bridge's thread: IQ answers to the request that
 * waits for them; presence to {@link ComponentPresence} (subscriptions are answered for users logged in or not);
 * messages and Jingle requests for a logged-in user to the shared code; disco#info answered here; and for a user
 * who is not logged in, or a request nobody serves, {@code service-unavailable} (a message to an offline user
 * comes back as an error, so its sender knows it was not delivered). When the stream comes back, every logged-in
 * user's presence goes out again.
 */
final class ComponentRouter implements ComponentStream.Listener {

    private static final Logger log = LoggerFactory.getLogger(ComponentRouter.class);

    private final DomainBareJid domain;
    private final Map<Localpart, ComponentEndpoint> online;
    private final ComponentStream stream;
    private final PendingRequests requests;
    private final ComponentPresence presence;
    private final ComponentDisco disco;
    private final InboundStanzas inbound;

    ComponentRouter(DomainBareJid domain, Map<Localpart, ComponentEndpoint> online, ComponentStream stream, PendingRequests requests,
                    ComponentPresence presence, ComponentDisco disco, InboundStanzas inbound) {
        this.domain = domain;
        this.online = online;
        this.stream = stream;
        this.requests = requests;
        this.presence = presence;
        this.disco = disco;
        this.inbound = inbound;
    }

    @Override
    public void up() {
        online.values().forEach(presence::announce);
    }

    @Override
    public void down() {
        requests.failAll(domain + ": the component's stream went down");
    }

    @Override
    public void received(Stanza stanza) {
        if (stanza instanceof IQ iq && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error)) {
            if (!requests.answer(iq)) {
                log.debug("an IQ answer no request of {} waits for: {} from {}", domain, iq.getStanzaId(), iq.getFrom());
            }
            return;
        }
        Jid to = stanza.getTo();
        if (to == null || !to.asDomainBareJid().equals(domain)) {
            refuse(stanza);
            return;
        }
        Localpart user = to.getLocalpartOrNull();
        if (user == null) {
            toDomain(stanza);
            return;
        }
        ComponentEndpoint endpoint = online.get(user);
        if (stanza instanceof Presence p) {
            presence.received(user, endpoint, p, inbound);
        } else if (endpoint == null) {
            refuse(stanza);
        } else if (stanza instanceof Message message) {
            inbound.message(endpoint, message);
        } else {
            request(endpoint, (IQ) stanza);
        }
    }

    private void request(ComponentEndpoint to, IQ request) {
        if (request instanceof JingleIq && request.getType() == IQ.Type.set) {
            inbound.iqRequest(to, request);
        } else if (request instanceof DiscoverInfo info && request.getType() == IQ.Type.get) {
            stream.sendOrDrop(disco.answer(info));
        } else {
            refuse(request);
        }
    }

    /** The domain itself answers disco#info (what it is), and nothing else. */
    private void toDomain(Stanza stanza) {
        if (stanza instanceof DiscoverInfo info && info.getType() == IQ.Type.get) {
            stream.sendOrDrop(disco.answerForDomain(info));
        } else {
            refuse(stanza);
        }
    }

    /** {@code service-unavailable} for a message or an IQ request; nothing for presence, or for an error (no error loops). */
    private void refuse(Stanza stanza) {
        StanzaError unavailable = StanzaError.getBuilder(StanzaError.Condition.service_unavailable).build();
        if (stanza instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
            stream.sendOrDrop(IQ.createErrorResponse(iq, unavailable));
        } else if (stanza instanceof Message message && message.getType() != Message.Type.error && message.getFrom() != null) {
            stream.sendOrDrop(StanzaBuilder.buildMessage(message.getStanzaId()).ofType(Message.Type.error)
                    .from(message.getTo()).to(message.getFrom()).setError(unavailable).build());
        }
    }
}
