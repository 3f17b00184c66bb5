package org.webrtcgateway.xmpp.jingle.hdrext.provider;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.webrtcgateway.xmpp.jingle.hdrext.element.ExtmapAllowMixed;

/**
 * Parses {@code <extmap-allow-mixed/>}. The element is defined empty, so anything inside it is skipped (Smack's
 * {@code Provider.parse} moves past it) rather than refused: its presence is the whole message.
 */
public final class ExtmapAllowMixedProvider extends ExtensionElementProvider<ExtmapAllowMixed> {

    public static final ExtmapAllowMixedProvider INSTANCE = new ExtmapAllowMixedProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public ExtmapAllowMixedProvider() {
    }

    @Override
    public ExtmapAllowMixed parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment) {
        return ExtmapAllowMixed.INSTANCE;
    }
}
