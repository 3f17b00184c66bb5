package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.rtp.element.Parameter;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;

/**
 * Parses XEP-0167's {@code <payload-type/>}: its parameters typed, any other child (XEP-0293's rtcp-fb...) by
 * ProviderManager's provider or kept generic, all in document order.
 */
public final class PayloadTypeProvider extends ExtensionElementProvider<PayloadType> {

    public static final PayloadTypeProvider INSTANCE = new PayloadTypeProvider();

    @Override
    public PayloadType parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        int id = KeepingParser.required(KeepingParser.unsignedByteAttribute(parser, PayloadType.ID_ATTRIBUTE_NAME),
                        PayloadType.ID_ATTRIBUTE_NAME);
        PayloadType.Builder builder = PayloadType.builder(id)
                        .name(parser.getAttributeValue("", PayloadType.NAME_ATTRIBUTE_NAME))
                        .clockrate(KeepingParser.unsignedIntAttribute(parser, PayloadType.CLOCKRATE_ATTRIBUTE_NAME))
                        .channels(KeepingParser.unsignedByteAttribute(parser, PayloadType.CHANNELS_ATTRIBUTE_NAME))
                        .maxptime(KeepingParser.unsignedIntAttribute(parser, PayloadType.MAXPTIME_ATTRIBUTE_NAME))
                        .ptime(KeepingParser.unsignedIntAttribute(parser, PayloadType.PTIME_ATTRIBUTE_NAME))
                        .otherAttributes(KeepingParser.otherAttributes(parser, PayloadType.DEFINED_ATTRIBUTE_NAMES));
        // The parameters and the other children go into one list, in document order.
        List<ExtensionElement> children = new ArrayList<>();
        KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        (child, environment) -> isParameter(child)
                                        && children.add(ParameterProvider.INSTANCE.parse(child, environment)),
                        children, null);
        children.forEach(builder::addChildElement);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw KeepingParser.invalid(PayloadType.ELEMENT, e);
        }
    }

    private static boolean isParameter(XmlPullParser parser) {
        return Parameter.ELEMENT.equals(parser.getName()) && Parameter.NAMESPACE.equals(parser.getNamespace());
    }
}
