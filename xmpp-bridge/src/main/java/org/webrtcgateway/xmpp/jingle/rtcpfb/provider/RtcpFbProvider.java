package org.webrtcgateway.xmpp.jingle.rtcpfb.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbParameter;
import org.webrtcgateway.xmpp.jingle.rtp.provider.KeepingParser;

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
        for (ExtensionElement child : KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        RtcpFbProvider::parseParameterOrNull, null)) {
            builder.addChildElement(child);
        }
        return builder.build();
    }

    private static ExtensionElement parseParameterOrNull(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        if (!RtcpFbParameter.ELEMENT.equals(parser.getName()) || !RtcpFbParameter.NAMESPACE.equals(parser.getNamespace())) {
            return null;
        }
        final int depth = parser.getDepth();
        String name = KeepingParser.requiredAttribute(parser, RtcpFbParameter.NAME_ATTRIBUTE_NAME);
        String value = parser.getAttributeValue("", RtcpFbParameter.VALUE_ATTRIBUTE_NAME);
        var otherAttributes = KeepingParser.otherAttributes(parser, RtcpFbParameter.DEFINED_ATTRIBUTE_NAMES);
        var otherChildren = KeepingParser.parseChildElements(parser, depth, XmlEnvironment.from(parser, xmlEnvironment),
                        KeepingParser::noDefinedChild, null);
        return new RtcpFbParameter(name, value, otherAttributes, otherChildren);
    }
}
