package org.webrtcgateway.xmpp.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jivesoftware.smack.util.StringUtils;
import org.jxmpp.jid.DomainBareJid;

/**
 * What the component writes before its first stanza (XEP-0114): the stream header naming its domain, and the
 * handshake that proves it knows the secret without sending it: the SHA-1 of the server's stream id followed by
 * the secret, in lowercase hex.
 */
final class ComponentHandshake {

    static final String NAMESPACE = "jabber:component:accept";
    static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";

    private ComponentHandshake() {
    }

    static String streamHeader(DomainBareJid domain) {
        return "<?xml version='1.0'?><stream:stream xmlns='" + NAMESPACE + "' xmlns:stream='" + STREAMS_NAMESPACE
                + "' to='" + StringUtils.escapeForXmlAttributeApos(domain.toString()) + "'>";
    }

    static String handshake(String streamId, String secret) {
        return "<handshake>" + digest(streamId, secret) + "</handshake>";
    }

    /** Lowercase hex SHA-1 of {@code streamId + secret} as UTF-8 (XEP-0114 §3, as servers compute it). */
    static String digest(String streamId, String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest((streamId + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }
}
