package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredAttributeMissingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

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
        Integer id = KeepingParser.unsignedByteAttribute(parser, PayloadType.ID_ATTRIBUTE_NAME);
        if (id == null) {
            throw new RequiredAttributeMissingException(PayloadType.ID_ATTRIBUTE_NAME);
        }
        PayloadType.Builder builder = PayloadType.builder(id)
                        .name(parser.getAttributeValue("", PayloadType.NAME_ATTRIBUTE_NAME))
                        .clockrate(KeepingParser.unsignedIntAttribute(parser, PayloadType.CLOCKRATE_ATTRIBUTE_NAME))
                        .channels(KeepingParser.unsignedByteAttribute(parser, PayloadType.CHANNELS_ATTRIBUTE_NAME))
                        .maxptime(KeepingParser.unsignedIntAttribute(parser, PayloadType.MAXPTIME_ATTRIBUTE_NAME))
                        .ptime(KeepingParser.unsignedIntAttribute(parser, PayloadType.PTIME_ATTRIBUTE_NAME))
                        .otherAttributes(KeepingParser.otherAttributes(parser, PayloadType.DEFINED_ATTRIBUTE_NAMES));
        for (ExtensionElement child : KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        PayloadTypeProvider::parseParameterOrNull, null)) {
            builder.addChildElement(child);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw KeepingParser.invalid(PayloadType.ELEMENT, e);
        }
    }

    private static ExtensionElement parseParameterOrNull(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        if (Parameter.ELEMENT.equals(parser.getName()) && Parameter.NAMESPACE.equals(parser.getNamespace())) {
            return ParameterProvider.INSTANCE.parse(parser, xmlEnvironment);
        }
        return null;
    }
}
