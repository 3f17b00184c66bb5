package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;
import java.util.Set;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtcpMux;

/** Parses XEP-0167's {@code <rtcp-mux/>}. */
public final class RtcpMuxProvider extends ExtensionElementProvider<RtcpMux> {

    public static final RtcpMuxProvider INSTANCE = new RtcpMuxProvider();

    @Override
    public RtcpMux parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        OtherAttributes otherAttributes = KeepingParser.otherAttributes(parser, Set.of());
        var otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        KeepingParser.NO_DEFINED_CHILD);
        if (otherAttributes.isEmpty() && otherChildren.isEmpty()) {
            return RtcpMux.INSTANCE;
        }
        return new RtcpMux(otherAttributes, otherChildren);
    }
}
