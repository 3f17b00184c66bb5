package org.webrtcgateway.xmpp.jingle.ssma.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredValueMissingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SourceParameter;

/**
 * Parses {@code <source/>}, alone or as a member of an {@code <ssrc-group/>}. A missing ssrc, or one that is not an
 * unsigned 32-bit number, is refused with a {@link SmackParsingException} saying so; unknown unprefixed attributes
 * and unknown children are kept, the children parsed by whatever provider is registered for them.
 */
public final class MediaSourceProvider extends ExtensionElementProvider<MediaSource> {

    public static final MediaSourceProvider INSTANCE = new MediaSourceProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public MediaSourceProvider() {
    }

    @Override
    public MediaSource parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        long ssrc = parseSsrc(parser.getAttributeValue("", MediaSource.SSRC_ATTRIBUTE));
        Map<String, String> otherAttributes = otherAttributes(parser);

        List<SourceParameter> parameters = new ArrayList<>();
        List<ExtensionElement> otherChildren = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                if (SourceParameter.QNAME.equals(parser.getQName())) {
                    parameters.add(parseParameter(parser));
                } else {
                    otherChildren.add(PacketParserUtils.parseExtensionElement(parser.getName(),
                            parser.getNamespace(), parser, xmlEnvironment));
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        return new MediaSource(ssrc, parameters, otherAttributes, otherChildren);
    }

    private static long parseSsrc(String given) throws SmackParsingException {
        if (given == null) {
            throw new RequiredValueMissingException("source must have an 'ssrc' attribute");
        }
        try {
            // Whitespace around a number is allowed by its XML Schema type (xs:unsignedInt), and harmless.
            return MediaSource.requireValidSsrc(Long.parseLong(given.strip()));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            SmackParsingException refusal = new SmackParsingException(MediaSource.invalidSsrcMessage(given));
            refusal.initCause(e);
            throw refusal;
        }
    }

    private static SourceParameter parseParameter(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = parser.getAttributeValue("", SourceParameter.NAME_ATTRIBUTE);
        if (name == null) {
            throw new RequiredValueMissingException("source parameter must have a 'name' attribute");
        }
        String value = parser.getAttributeValue("", SourceParameter.VALUE_ATTRIBUTE);
        // The schema gives <parameter/> no content; whatever a sender put there is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, depth);
        return new SourceParameter(name, value);
    }

    private static Map<String, String> otherAttributes(XmlPullParser parser) {
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String name = parser.getAttributeName(i);
            // A namespaced attribute would need its prefix declaration carried along; none is known in practice.
            boolean unprefixed = parser.getAttributePrefix(i) == null || parser.getAttributePrefix(i).isEmpty();
            if (unprefixed && !name.equals(MediaSource.SSRC_ATTRIBUTE)) {
                others.put(name, parser.getAttributeValue(i));
            }
        }
        return others;
    }
}
