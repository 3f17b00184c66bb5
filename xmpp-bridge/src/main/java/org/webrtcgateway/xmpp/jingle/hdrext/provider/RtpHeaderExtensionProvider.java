package org.webrtcgateway.xmpp.jingle.hdrext.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredValueMissingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
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
        int id = parseId(parser.getAttributeValue("", RtpHeaderExtension.ID_ATTRIBUTE));
        String uri = parser.getAttributeValue("", RtpHeaderExtension.URI_ATTRIBUTE);
        if (uri == null || uri.isEmpty()) {
            throw new RequiredValueMissingException("rtp-hdrext must have a non-empty 'uri' attribute");
        }
        Senders senders = parseSenders(parser.getAttributeValue("", RtpHeaderExtension.SENDERS_ATTRIBUTE));
        Map<String, String> otherAttributes = otherAttributes(parser);

        List<HeaderExtensionParameter> parameters = new ArrayList<>();
        List<ExtensionElement> otherChildren = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                if (HeaderExtensionParameter.QNAME.equals(parser.getQName())) {
                    parameters.add(parseParameter(parser));
                } else {
                    otherChildren.add(PacketParserUtils.parseExtensionElement(parser.getName(),
                            parser.getNamespace(), parser, xmlEnvironment));
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        try {
            return new RtpHeaderExtension(id, uri, senders, parameters, otherAttributes, otherChildren);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage(), e);
        }
    }

    private static int parseId(String given) throws SmackParsingException {
        if (given == null) {
            throw new RequiredValueMissingException("rtp-hdrext must have an 'id' attribute");
        }
        try {
            // Whitespace around a number is allowed by its XML Schema type, and harmless.
            return RtpHeaderExtension.requireValidId(Long.parseLong(given.strip()));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            throw refused(RtpHeaderExtension.invalidIdMessage(given), e);
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
            throw refused("rtp-hdrext senders must be one of " + allowed + ", got '" + given + "'", e);
        }
    }

    private static HeaderExtensionParameter parseParameter(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = parser.getAttributeValue("", HeaderExtensionParameter.NAME_ATTRIBUTE);
        if (name == null) {
            throw new RequiredValueMissingException("rtp-hdrext parameter must have a 'name' attribute");
        }
        String value = parser.getAttributeValue("", HeaderExtensionParameter.VALUE_ATTRIBUTE);
        // The schema gives <parameter/> no content; whatever a sender put there is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, depth);
        return new HeaderExtensionParameter(name, value);
    }

    private static Map<String, String> otherAttributes(XmlPullParser parser) {
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String name = parser.getAttributeName(i);
            // A namespaced attribute would need its prefix declaration carried along; none is known in practice.
            boolean unprefixed = parser.getAttributePrefix(i) == null || parser.getAttributePrefix(i).isEmpty();
            if (unprefixed && !DEFINED_ATTRIBUTES.contains(name)) {
                others.put(name, parser.getAttributeValue(i));
            }
        }
        return others;
    }

    private static SmackParsingException refused(String message, Exception cause) {
        SmackParsingException refusal = new SmackParsingException(message);
        refusal.initCause(cause);
        return refusal;
    }
}
