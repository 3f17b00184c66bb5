package org.webrtcgateway.xmpp.component;

import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaFactory;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.parts.Localpart;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * One gateway user, logged in, as the component presents it: {@code name@domain/gateway} on the component's one
 * stream. Stanzas without a sender get the user's JID (the component must name one; a server would do it for a
 * client). Used on the bridge's thread only.
 */
final class ComponentEndpoint implements XmppEndpoint {

    /** The resource of every user's JID: one per user, as a gateway session is. */
    static final String RESOURCE = "gateway";

    private final Address.Local user;
    private final Localpart localpart;
    private final EntityFullJid jid;
    private final ComponentStream stream;
    private final StanzaFactory stanzas;
    private final PendingRequests requests;
    private final ComponentPresence presence;
    private PresenceStatus status = PresenceStatus.AVAILABLE;
    private String note;

    ComponentEndpoint(Address.Local user, Localpart localpart, EntityFullJid jid, ComponentStream stream, StanzaFactory stanzas,
                      PendingRequests requests, ComponentPresence presence) {
        this.user = user;
        this.localpart = localpart;
        this.jid = jid;
        this.stream = stream;
        this.stanzas = stanzas;
        this.requests = requests;
        this.presence = presence;
    }

    Localpart localpart() {
        return localpart;
    }

    /** The JID whether or not the stream is up, for what is written as the stream comes back or goes. */
    EntityFullJid jidEvenWhileDown() {
        return jid;
    }

    PresenceStatus status() {
        return status;
    }

    String note() {
        return note;
    }

    @Override
    public Address.Local user() {
        return user;
    }

    @Override
    public EntityFullJid jid() {
        return stream.isUp() ? jid : null;
    }

    @Override
    public StanzaFactory stanzaFactory() {
        return stanzas;
    }

    @Override
    public void send(Stanza stanza) throws NotConnectedException {
        if (stanza.getFrom() == null) {
            stanza.setFrom(jid);
        }
        stream.send(stanza);
    }

    @Override
    public CompletionStage<IQ> request(IQ request) {
        if (request.getFrom() == null) {
            request.setFrom(jid);
        }
        return requests.send(request);
    }

    @Override
    public void follow(BareJid contact) throws NotConnectedException {
        requireUp();
        presence.follow(this, contact);
    }

    @Override
    public void unfollow(BareJid contact) throws NotConnectedException {
        requireUp();
        presence.unfollow(this, contact);
    }

    /** Kept while the stream is down, and published when it is back. */
    @Override
    public void publish(PresenceStatus status, String note) throws NotConnectedException {
        this.status = status;
        this.note = note;
        requireUp();
        presence.publish(this);
    }

    private void requireUp() throws NotConnectedException {
        if (!stream.isUp()) {
            throw new NotConnectedException(this + ": the component's stream is down");
        }
    }

    @Override
    public String toString() {
        return "XMPP component user " + jid.asBareJid() + " of " + user;
    }
}
