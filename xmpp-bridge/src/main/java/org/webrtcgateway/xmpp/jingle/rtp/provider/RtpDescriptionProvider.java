package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.jivesoftware.smackx.jingle.provider.JingleContentDescriptionProvider;

import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.rtp.element.Bandwidth;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtcpMux;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;

/**
 * Parses XEP-0167's {@code <description/>}: XEP-0167's children typed (except {@code <encryption/>}, kept generic),
 * every other child by the provider ProviderManager has for it or as a StandardExtensionElement, in document order.
 * A JingleContentDescriptionProvider, so that Smack's JingleProvider uses it for the contents of a Jingle IQ.
 */
public final class RtpDescriptionProvider extends JingleContentDescriptionProvider<RtpDescription> {

    public static final RtpDescriptionProvider INSTANCE = new RtpDescriptionProvider();

    @Override
    public RtpDescription parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        String media = KeepingParser.requiredAttribute(parser, RtpDescription.MEDIA_ATTRIBUTE_NAME);
        RtpDescription.Builder builder = RtpDescription.builder(media)
                        .ssrc(parser.getAttributeValue("", RtpDescription.SSRC_ATTRIBUTE_NAME))
                        .otherAttributes(KeepingParser.otherAttributes(parser, RtpDescription.DEFINED_ATTRIBUTE_NAMES));
        // XEP-0167's children and the others go into one list, in document order.
        List<ExtensionElement> children = new ArrayList<>();
        KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment, (child, environment) -> {
            ExtensionElement defined = parseDefinedChildOrNull(child, environment);
            return defined != null && children.add(defined);
        }, children, null);
        children.forEach(builder::addChildElement);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw KeepingParser.invalid(RtpDescription.ELEMENT, e);
        }
    }

    private static ExtensionElement parseDefinedChildOrNull(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        if (!RtpDescription.NAMESPACE.equals(parser.getNamespace())) {
            return null;
        }
        switch (parser.getName()) {
        case PayloadType.ELEMENT:
            return PayloadTypeProvider.INSTANCE.parse(parser, xmlEnvironment);
        case Bandwidth.ELEMENT:
            return BandwidthProvider.INSTANCE.parse(parser, xmlEnvironment);
        case RtcpMux.ELEMENT:
            return RtcpMuxProvider.INSTANCE.parse(parser, xmlEnvironment);
        default:
            return null;
        }
    }
}
