package org.webrtcgateway.xmpp;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jxmpp.jid.EntityBareJid;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * Chat both ways, the same in both modes: a browser's {@code message} data becomes a {@code chat} message (a JSON
 * string is the body; other JSON is the body's text and also a XEP-0335 JSON container, for clients that read
 * structure), and an incoming chat body reaches the browser as a JSON string.
 */
final class XmppChat {

    /** XEP-0335, JSON Containers. */
    static final String JSON_CONTAINER = "json";
    static final String JSON_NAMESPACE = "urn:xmpp:json:0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private XmppChat() {
    }

    /** Why {@code data} cannot go as a chat message (a character XML cannot carry); empty when it can. */
    static Optional<String> refusal(RawJson data) {
        String string = stringValue(data.json());
        return XmlText.refusal("'data'", string != null ? string : data.json());
    }

    static void send(XmppEndpoint from, EntityBareJid to, RawJson data) throws SmackException.NotConnectedException, InterruptedException {
        String json = data.json();
        String string = stringValue(json);
        MessageBuilder message = from.stanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                .setBody(string != null ? string : json);
        if (string == null) {
            message.addExtension(StandardExtensionElement.builder(JSON_CONTAINER, JSON_NAMESPACE).setText(json).build());
        }
        from.send(message.build());
    }

    /** The browser's {@code data} for an incoming chat message: its body as a JSON string; empty when it has none. */
    static Optional<RawJson> received(Message message) {
        if (message.getBody() == null
                || (message.getType() != Message.Type.chat && message.getType() != Message.Type.normal)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RawJson(JSON.writeValueAsString(message.getBody())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Java string always serializes to JSON", e);
        }
    }

    /** The text of a JSON string, or null when {@code json} is another JSON value. */
    private static String stringValue(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.isTextual() ? node.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
