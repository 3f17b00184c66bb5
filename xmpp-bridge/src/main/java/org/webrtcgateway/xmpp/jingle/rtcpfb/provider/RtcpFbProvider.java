package org.webrtcgateway.xmpp.jingle.rtcpfb.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbParameter;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;

/**
 * Parses XEP-0293's {@code <rtcp-fb/>}, wherever it is (description or payload-type): registered in ProviderManager,
 * it is found by the RTP providers' generic parsing of other namespaces' children.
 */
public final class RtcpFbProvider extends ExtensionElementProvider<RtcpFb> {

    public static final RtcpFbProvider INSTANCE = new RtcpFbProvider();

    @Override
    public RtcpFb parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        RtcpFb.Builder builder = RtcpFb.builder(KeepingParser.requiredAttribute(parser, RtcpFb.TYPE_ATTRIBUTE_NAME))
                        .subtype(parser.getAttributeValue("", RtcpFb.SUBTYPE_ATTRIBUTE_NAME))
                        .otherAttributes(KeepingParser.otherAttributes(parser, RtcpFb.DEFINED_ATTRIBUTE_NAMES));
        // The parameters and the other children go into one list, in document order.
        List<ExtensionElement> children = new ArrayList<>();
        KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        (child, environment) -> isParameter(child) && children.add(parseParameter(child, environment)),
                        children, null);
        children.forEach(builder::addChildElement);
        return builder.build();
    }

    private static boolean isParameter(XmlPullParser parser) {
        return RtcpFbParameter.ELEMENT.equals(parser.getName()) && RtcpFbParameter.NAMESPACE.equals(parser.getNamespace());
    }

    /** As XEP-0167's parameter is parsed, but the value is optional. */
    private static RtcpFbParameter parseParameter(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        final int depth = parser.getDepth();
        String name = KeepingParser.requiredAttribute(parser, RtcpFbParameter.NAME_ATTRIBUTE);
        String value = parser.getAttributeValue("", RtcpFbParameter.VALUE_ATTRIBUTE);
        var otherAttributes = KeepingParser.otherAttributes(parser, RtcpFbParameter.DEFINED_ATTRIBUTES);
        var otherChildren = KeepingParser.parseChildElements(parser, depth, XmlEnvironment.from(parser, xmlEnvironment),
                        KeepingParser.NO_DEFINED_CHILD);
        return new RtcpFbParameter(name, value, otherAttributes, otherChildren);
    }
}
