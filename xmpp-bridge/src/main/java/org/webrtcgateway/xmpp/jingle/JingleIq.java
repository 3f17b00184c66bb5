package org.webrtcgateway.xmpp.jingle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

/**
 * XEP-0166's {@code <jingle/>} IQ as the bridge reads and writes it. Smack 4.4.8's own {@code Jingle} is final and
 * keeps only contents and a reason, so XEP-0338's {@code <group/>}, the session-info payloads (XEP-0167's
 * {@code <ringing/>}, ...) and any other child would be lost; this one keeps every child, in document order.
 *
 * <p>Contents and the reason are Smack's {@link JingleContent} and {@link JingleReason}, so the descriptions and
 * transports are whatever Smack's {@code JingleContentProviderManager} providers make of them. Immutable; parsed by
 * {@link JingleIqProvider}.
 */
public final class JingleIq extends IQ {

    public static final String ELEMENT = "jingle";
    public static final String NAMESPACE = "urn:xmpp:jingle:1";
    public static final String ACTION_ATTRIBUTE = "action";
    public static final String SESSION_ID_ATTRIBUTE = "sid";
    public static final String INITIATOR_ATTRIBUTE = "initiator";
    public static final String RESPONDER_ATTRIBUTE = "responder";

    private final JingleAction action;
    private final String sessionId;
    private final FullJid initiator;
    private final FullJid responder;
    private final List<FullyQualifiedElement> children;

    /**
     * @param iqData     the stanza's id, addresses and type; XEP-0166 sends {@code <jingle/>} in an IQ of type
     *                   {@code set}, which the caller sets (an error reply may carry the {@code <jingle/>} it refuses)
     * @param initiator  optional, as is {@code responder}
     * @param children   contents, at most one reason and any other elements, in the order they are written
     * @throws IllegalArgumentException if the session id is empty or there are two reasons
     */
    public JingleIq(IqData iqData, JingleAction action, String sessionId, FullJid initiator, FullJid responder,
            List<? extends FullyQualifiedElement> children) {
        super(iqData, ELEMENT, NAMESPACE);
        this.action = Objects.requireNonNull(action, "action");
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("<jingle/> must have a non-empty 'sid' attribute");
        }
        this.sessionId = sessionId;
        this.initiator = initiator;
        this.responder = responder;
        this.children = List.copyOf(children);
        if (getChildren(JingleReason.class).size() > 1) {
            throw new IllegalArgumentException("<jingle/> may have one <reason/>, not "
                    + getChildren(JingleReason.class).size());
        }
    }

    public JingleAction getAction() {
        return action;
    }

    public String getSessionId() {
        return sessionId;
    }

    /** The initiator attribute, or {@code null}. */
    public FullJid getInitiator() {
        return initiator;
    }

    /** The responder attribute, or {@code null}. */
    public FullJid getResponder() {
        return responder;
    }

    /** Every child, in document order. */
    public List<FullyQualifiedElement> getChildren() {
        return children;
    }

    /** The children of this type, in document order. */
    public <E> List<E> getChildren(Class<E> type) {
        List<E> matching = new ArrayList<>();
        for (FullyQualifiedElement child : children) {
            if (type.isInstance(child)) {
                matching.add(type.cast(child));
            }
        }
        return matching;
    }

    public List<JingleContent> getContents() {
        return getChildren(JingleContent.class);
    }

    /** The reason, or {@code null}. */
    public JingleReason getReason() {
        List<JingleReason> reasons = getChildren(JingleReason.class);
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.attribute(ACTION_ATTRIBUTE, action.toString());
        xml.optAttribute(INITIATOR_ATTRIBUTE, initiator);
        xml.optAttribute(RESPONDER_ATTRIBUTE, responder);
        xml.attribute(SESSION_ID_ATTRIBUTE, sessionId);
        if (children.isEmpty()) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        xml.append(children);
        return xml;
    }
}
