package org.webrtcgateway.xmpp.jingle.hdrext.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;
import org.webrtcgateway.xmpp.jingle.hdrext.element.HeaderExtensionParameter;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;

/**
 * Parses {@code <rtp-hdrext/>}. An id outside 1-255, a missing uri or an unknown senders value is refused with a
 * {@link SmackParsingException} saying so; unknown unprefixed attributes and unknown children are kept, the children
 * parsed by whatever provider is registered for them.
 */
public final class RtpHeaderExtensionProvider extends ExtensionElementProvider<RtpHeaderExtension> {

    public static final RtpHeaderExtensionProvider INSTANCE = new RtpHeaderExtensionProvider();

    private static final Set<String> DEFINED_ATTRIBUTES = Set.of(RtpHeaderExtension.ID_ATTRIBUTE,
            RtpHeaderExtension.URI_ATTRIBUTE, RtpHeaderExtension.SENDERS_ATTRIBUTE);

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public RtpHeaderExtensionProvider() {
    }

    @Override
    public RtpHeaderExtension parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        int id = (int) KeepingParser.requiredLongAttribute(parser, RtpHeaderExtension.ID_ATTRIBUTE,
                "rtp-hdrext must have an 'id' attribute", RtpHeaderExtension::requireValidId,
                RtpHeaderExtension::invalidIdMessage);
        String uri = KeepingParser.nonEmptyAttribute(parser, RtpHeaderExtension.URI_ATTRIBUTE,
                "rtp-hdrext must have a non-empty 'uri' attribute");
        Senders senders = parseSenders(parser.getAttributeValue("", RtpHeaderExtension.SENDERS_ATTRIBUTE));
        Map<String, String> otherAttributes = KeepingParser.unprefixedOtherAttributes(parser, DEFINED_ATTRIBUTES);

        List<HeaderExtensionParameter> parameters = new ArrayList<>();
        List<ExtensionElement> otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                (child, environment) -> HeaderExtensionParameter.QNAME.equals(child.getQName()) && parameters.add(parseParameter(child)));
        try {
            return new RtpHeaderExtension(id, uri, senders, parameters, otherAttributes, otherChildren);
        } catch (IllegalArgumentException e) {
            throw KeepingParser.refused(e.getMessage(), e);
        }
    }

    private static Senders parseSenders(String given) throws SmackParsingException {
        if (given == null) {
            return Senders.both;
        }
        try {
            return Senders.valueOf(given);
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(Senders.values()).map(Senders::name).collect(Collectors.joining(", "));
            throw KeepingParser.refused("rtp-hdrext senders must be one of " + allowed + ", got '" + given + "'", e);
        }
    }

    private static HeaderExtensionParameter parseParameter(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = KeepingParser.presentAttribute(parser, HeaderExtensionParameter.NAME_ATTRIBUTE,
                "rtp-hdrext parameter must have a 'name' attribute");
        String value = parser.getAttributeValue("", HeaderExtensionParameter.VALUE_ATTRIBUTE);
        // The schema gives <parameter/> no content; whatever a sender put there is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, depth);
        return new HeaderExtensionParameter(name, value);
    }

}
