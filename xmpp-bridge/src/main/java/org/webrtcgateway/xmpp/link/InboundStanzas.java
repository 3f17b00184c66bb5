package org.webrtcgateway.xmpp.link;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;

/**
 * What arrives from XMPP for one gateway user, in the order the stream delivered it, on the bridge's thread.
 * Each mode hands over only what its own machinery does not consume (IQ results go to the {@link XmppEndpoint#request}
 * that waits for them; account mode's roster handles subscription requests itself).
 */
public interface InboundStanzas {

    void message(XmppEndpoint to, Message message);

    /** Available and unavailable presence (subscription requests and answers are each mode's own). */
    void presence(XmppEndpoint to, Presence presence);

    /**
     * An IQ get or set the shared code serves (Jingle). It answers through {@code to.send}: a result, or an
     * error. Anything not the shared code's is answered by the mode itself ({@code service-unavailable}).
     */
    void iqRequest(XmppEndpoint to, IQ request);
}
