package org.webrtcgateway.xmpp.link;

import java.util.Optional;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.Address;

/**
 * {@code xmpp:} addresses and JIDs, both ways. A JID is parsed (and stringprep-checked) by jxmpp before anything uses
 * it; a sender the gateway's strict address form refuses is dropped rather than passed on as something a browser
 * could not answer.
 */
public final class XmppAddresses {

    public static final String SCHEME = "xmpp";
    private static final Logger log = LoggerFactory.getLogger(XmppAddresses.class);
    /** Any peer can send them: one line a minute. */
    private static final RepeatedCondition unaddressable = RepeatedCondition.warn(log,
            "stanzas from a JID the gateway cannot address were dropped");

    private XmppAddresses() {
    }

    /** The gateway address of an XMPP user; empty (and logged) for a JID the gateway cannot address. */
    public static Optional<Address.External> of(BareJid jid) {
        Optional<Address> address = Address.parse(SCHEME + ":" + jid);
        if (address.isEmpty()) {
            unaddressable.occurred(jid.length() + " characters");
        }
        return address.map(Address.External.class::cast);
    }

    /** The bare JID an {@code xmpp:} address names (a resource in it is ignored); empty when it is not one. */
    public static Optional<EntityBareJid> bareJid(Address.External address) {
        String uri = address.uri();
        if (!uri.startsWith(SCHEME + ":")) {
            return Optional.empty();
        }
        String jid = uri.substring(SCHEME.length() + 1);
        int slash = jid.indexOf('/');
        try {
            return Optional.of(JidCreate.entityBareFrom(slash < 0 ? jid : jid.substring(0, slash)));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
