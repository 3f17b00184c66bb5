package org.webrtcgateway.xmpp.jingle.jmi.element;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0334's {@code <store xmlns='urn:xmpp:hints'/>}: asks the servers to archive a message that has no body. XEP-0353
 * requires it on every one of its messages, so that each device of both parties finds the call's steps in its
 * archive (XEP-0313). Smack has it only in smack-experimental, which the bridge does not depend on.
 *
 * <p>Written only: a received one is parsed as Smack's generic element, which writes the same XML.
 */
public final class StoreHint implements ExtensionElement {

    public static final String ELEMENT = "store";
    public static final String NAMESPACE = "urn:xmpp:hints";

    public static final StoreHint INSTANCE = new StoreHint();

    private StoreHint() {
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        return new XmlStringBuilder(this, enclosingNamespace).closeEmptyElement();
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
