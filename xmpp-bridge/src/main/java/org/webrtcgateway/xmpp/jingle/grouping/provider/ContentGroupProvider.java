package org.webrtcgateway.xmpp.jingle.grouping.provider;

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
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;

/**
 * Parses {@code <group/>}. A missing or empty semantics, or a {@code <content/>} without a name, is refused with a
 * {@link SmackParsingException} saying so; unknown unprefixed attributes and unknown children are kept, the children
 * parsed by whatever provider is registered for them.
 */
public final class ContentGroupProvider extends ExtensionElementProvider<ContentGroup> {

    public static final ContentGroupProvider INSTANCE = new ContentGroupProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public ContentGroupProvider() {
    }

    @Override
    public ContentGroup parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String semantics = parser.getAttributeValue("", ContentGroup.SEMANTICS_ATTRIBUTE);
        if (semantics == null || semantics.isEmpty()) {
            throw new RequiredValueMissingException("group must have a non-empty 'semantics' attribute");
        }
        Map<String, String> otherAttributes = otherAttributes(parser);

        List<String> contentNames = new ArrayList<>();
        List<ExtensionElement> otherChildren = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                if (ContentGroup.CONTENT_QNAME.equals(parser.getQName())) {
                    contentNames.add(parseContentName(parser));
                } else {
                    otherChildren.add(PacketParserUtils.parseExtensionElement(parser.getName(),
                            parser.getNamespace(), parser, xmlEnvironment));
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        return new ContentGroup(semantics, contentNames, otherAttributes, otherChildren);
    }

    private static String parseContentName(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = parser.getAttributeValue("", ContentGroup.CONTENT_NAME_ATTRIBUTE);
        if (name == null || name.isEmpty()) {
            throw new RequiredValueMissingException("group content must have a non-empty 'name' attribute");
        }
        // The XEP gives <content/> nothing but its name; whatever else a sender put there is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, depth);
        return name;
    }

    private static Map<String, String> otherAttributes(XmlPullParser parser) {
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String name = parser.getAttributeName(i);
            // A namespaced attribute would need its prefix declaration carried along; none is known in practice.
            boolean unprefixed = parser.getAttributePrefix(i) == null || parser.getAttributePrefix(i).isEmpty();
            if (unprefixed && !name.equals(ContentGroup.SEMANTICS_ATTRIBUTE)) {
                others.put(name, parser.getAttributeValue(i));
            }
        }
        return others;
    }
}
