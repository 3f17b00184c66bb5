package org.webrtcgateway.xmpp.link;

import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaFactory;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;

/**
 * One gateway user as the XMPP network sees it, and how the bridge's shared code (chat, presence, calls) speaks
 * for that user. Account mode: the user's own client connection. Component mode: the component's one stream,
 * with the user's JID as the sender. The shared code never knows which: that is what lets the same call, chat
 * and presence code serve both modes. Used on the bridge's thread only.
 */
public interface XmppEndpoint {

    /** The gateway user this endpoint speaks for. */
    Address.Local user();

    /** The full JID peers see the user as now; null while not connected. */
    EntityFullJid jid();

    /** Builds stanzas with ids this endpoint's stream is happy with. */
    StanzaFactory stanzaFactory();

    /**
     * Sends a stanza as the user (a missing 'from' is filled in, by the server in account mode, by the
     * component in component mode).
     *
     * @throws SmackException.NotConnectedException while the stream is down
     */
    void send(Stanza stanza) throws SmackException.NotConnectedException, InterruptedException;

    /**
     * Sends an IQ request (get or set). The stage completes on the bridge's thread with the result, or
     * exceptionally: {@code XMPPException.XMPPErrorException} for an error reply, {@code SmackException.NoResponseException}
     * when none came in time, {@code SmackException.NotConnectedException} when it could not be sent.
     */
    CompletionStage<IQ> request(IQ request);

    /** Asks to follow {@code contact}'s presence (a roster subscription, or the component's own record of it). */
    void follow(BareJid contact) throws SmackException.NotConnectedException, InterruptedException;

    void unfollow(BareJid contact) throws SmackException.NotConnectedException, InterruptedException;

    /** Publishes the user's own presence to the contacts that follow it; kept and published again after a reconnect. */
    void publish(PresenceStatus status, String note) throws SmackException.NotConnectedException, InterruptedException;
}
